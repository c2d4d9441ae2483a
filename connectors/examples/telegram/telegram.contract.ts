/**
 * Answers and updates of the Telegram Bot API as its documentation describes them
 * (https://core.telegram.org/bots/api: Making requests, sendMessage, getMe, Update, setWebhook), for the tests.
 */
import { inboundRequest, type StubResponse } from "../../sdk/testkit/index.ts";
import type { InboundRequest } from "../../sdk/index.ts";
import type { TelegramConfig } from "./telegram.config.ts";

/** The staff group the sample instance writes to. */
export const CHAT_ID = -1001234567890;
/** A token of @BotFather's shape. */
export const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
/** The secret_token the sample instance gave setWebhook. */
export const WEBHOOK_SECRET = "wh_5ecret-token";

/** The sample configuration pointed at a stub. */
export const sampleConfig = (baseUrl: string): TelegramConfig => ({ botToken: BOT_TOKEN, chatId: CHAT_ID, baseUrl, webhookSecret: WEBHOOK_SECRET });

/** sendMessage's answer: the sent Message. */
export function sent(text: string, chatId: number = CHAT_ID, messageId = 42): StubResponse {
  return {
    status: 200,
    body: {
      ok: true,
      result: {
        message_id: messageId,
        from: { id: 123456789, is_bot: true, first_name: "Shop", username: "shop_orders_bot" },
        chat: { id: chatId, title: "Shop staff", type: "supergroup" },
        date: 1772460000,
        text,
      },
    },
  };
}

/** getMe's answer. */
export const me: StubResponse = { status: 200, body: { ok: true, result: { id: 123456789, is_bot: true, first_name: "Shop", username: "shop_orders_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } } };

/** An error answer as Telegram gives it (HTTP status = error_code). */
export function failure(code: number, description: string, parameters?: Record<string, number>): StubResponse {
  return { status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } };
}

/** A webhook call carrying an update, with the secret token header (the sample's unless told; none for null). */
export function update(body: unknown, secret: string | null = WEBHOOK_SECRET): InboundRequest {
  return inboundRequest({ body: typeof body === "string" ? body : JSON.stringify(body), headers: secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }, url: "https://routes.example.com/hooks/telegram/updates" });
}

/** An update with a text message in a chat. */
export function textUpdate(text: string, chat: Record<string, unknown> = { id: CHAT_ID, title: "Shop staff", type: "supergroup" }, updateId = 10000): Record<string, unknown> {
  return { update_id: updateId, message: { message_id: 1365, from: { id: 1111111, is_bot: false, first_name: "Olga", username: "olga_cashier" }, chat, date: 1772460100, text } };
}
