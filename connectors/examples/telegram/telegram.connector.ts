/**
 * An example connector (not built in): sends a deal's messages to a Telegram chat through the Bot API's
 * sendMessage, and takes `/paid <orderId>` from that chat at `/hooks/<instance>/updates` as the message
 * `payment.received` for the order's deal. connectors/README.md builds it step by step.
 */
import { ConnectorError, defineConnector } from "../../sdk/index.ts";
import elementTemplates from "./element-templates.json" with { type: "json" };
import { callBotApi, type TelegramBot, type TelegramMessage } from "./telegram-api.ts";
import { updateCommand, verifySecretToken } from "./telegram-updates.ts";
import { telegramConfigSchema, type TelegramConfig } from "./telegram.config.ts";

/** The input of `send`: the chat (else the instance's) and the text used when the message names no template. */
export interface TelegramSendInput {
  chatId?: number | string;
  text?: string;
}

/** Telegram messages out, `/paid` commands in. */
export const telegramConnector = defineConnector<TelegramConfig>({
  id: "telegram-example",
  version: "1.0.0",
  title: "Telegram (example)",
  kind: "other",
  description:
    "Sends messages to a Telegram chat (Bot API sendMessage) and turns `/paid <orderId>` written in that chat into the message payment.received. " +
    "sendMessage takes no idempotency key: a crash between Telegram's answer and the outbox's bookkeeping sends the message again.",
  configSchema: telegramConfigSchema,
  actions: {
    send: {
      title: "Send a Telegram message",
      description: "Sends the message's template rendered for SMS (or the text input) to the chat in `chatId`, else to the instance's chat.",
      channel: "sms",
      inputSchema: {
        type: "object",
        properties: {
          chatId: { type: ["integer", "string"], title: "Chat", description: "The instance's chat when absent." },
          text: { type: "string", title: "Text", description: "Sent when the message names no template." },
        },
      },
      async run(input: TelegramSendInput, ctx) {
        const chatId = input.chatId ?? ctx.config.chatId;
        if (chatId === undefined || chatId === "") {
          throw new ConnectorError(`No chat to send to: give the input chatId or set chatId on the instance "${ctx.instance}".`, { retryable: false, status: "failed", code: "no-chat" });
        }
        const text = (await ctx.render("sms"))?.text ?? input.text;
        if (!text?.trim()) throw new ConnectorError("The message has no text: it names no template and has no text input.", { retryable: false, status: "failed", code: "empty-text" });
        const sent = await callBotApi<TelegramMessage>(ctx.config, "sendMessage", { chat_id: chatId, text }, ctx.signal);
        // Telegram sends no delivery reports: once sendMessage answers, the message is in the chat
        return { status: "delivered", providerId: `${sent.chat.id}:${sent.message_id}`, detail: { chatId: sent.chat.id, messageId: sent.message_id } };
      },
    },
  },
  inbound: {
    updates: {
      title: "Bot updates (/paid <orderId>)",
      verify: (request, ctx) => verifySecretToken(request, ctx.config),
      parse: (request, ctx) => ({ commands: [updateCommand(request, ctx.config)] }),
    },
  },
  async health({ config, signal }) {
    try {
      const bot = await callBotApi<TelegramBot>(config, "getMe", {}, signal);
      return { ok: true, detail: `Telegram bot ${bot.username ? `@${bot.username}` : bot.id} answers.` };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  },
  elementTemplates,
});
