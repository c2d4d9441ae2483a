/**
 * Telegram webhook updates (https://core.telegram.org/bots/api#update): the secret token checked, and a
 * `/paid <orderId>` message from the instance's chat turned into the message `payment.received` for that
 * order's deal. Anything else is acknowledged with a `none` command, so Telegram does not redeliver it.
 */
import { InboundRejected, jsonBody, safeEqual, type EngineCommand, type InboundRequest } from "../../sdk/index.ts";
import type { TelegramConfig } from "./telegram.config.ts";

/** The header carrying the `secret_token` given to setWebhook. */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** `/paid A-1001`, also `/paid@shop_bot A-1001` as Telegram writes commands in groups. */
const PAID = /^\/paid(?:@[A-Za-z0-9_]+)?(?:\s+(\S+))?\s*$/;

/** True when the request carries the instance's webhook secret (compared in constant time). */
export function verifySecretToken(request: InboundRequest, config: TelegramConfig): boolean {
  return safeEqual(request.headers[SECRET_HEADER], config.webhookSecret);
}

/** The command an update means; `InboundRejected` 422 naming the field when it is not a Telegram update. */
export function updateCommand(request: InboundRequest, config: TelegramConfig): EngineCommand {
  const update = jsonBody(request);
  if (!isRecord(update) || !Number.isInteger(update.update_id)) throw new InboundRejected(422, "A Telegram update needs an integer update_id.", "/update_id");
  const field = "message" in update ? "message" : "channel_post" in update ? "channel_post" : undefined;
  if (!field) return none(`Update ${update.update_id} carries no message (${Object.keys(update).filter((k) => k !== "update_id").join(", ") || "nothing"}).`);
  const message = update[field];
  if (!isRecord(message) || !isRecord(message.chat) || !(typeof message.chat.id === "number" || typeof message.chat.id === "string")) {
    throw new InboundRejected(422, `The ${field} of update ${update.update_id} names no chat.`, `/${field}/chat/id`);
  }
  const chatId = message.chat.id;
  const paid = PAID.exec(typeof message.text === "string" ? message.text.trim() : "");
  if (!paid) return none(`Message ${message.message_id} in chat ${chatId} is not a /paid command.`);
  if (!sameChat(config.chatId, message.chat)) {
    return none(`/paid from chat ${chatId} ignored: only the instance's chat (${config.chatId ?? "none configured"}) may report payments.`);
  }
  if (!paid[1]) return none("/paid names no order; write /paid <orderId>.");
  return { type: "deal.message", name: "payment.received", orderId: paid[1], payload: { via: "telegram", chatId, messageId: message.message_id ?? null } };
}

/** The configured chat is the message's chat, by id or (for public chats) by @username. */
function sameChat(configured: number | string | undefined, chat: Record<string, unknown>): boolean {
  if (configured === undefined) return false;
  return String(configured) === String(chat.id) || (typeof chat.username === "string" && String(configured) === `@${chat.username}`);
}

function none(note: string): EngineCommand {
  return { type: "none", note };
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
