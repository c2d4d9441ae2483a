/**
 * The Telegram example connector's configuration: the bot's token, the chat it writes to (and takes
 * `/paid` commands from), the Bot API address and the secret Telegram sends with each webhook call.
 */
import type { JsonSchema } from "../../sdk/index.ts";

/** A telegram-example instance's configuration (defaults filled in by validation). */
export interface TelegramConfig {
  /** `123456789:AA…` from @BotFather; it is part of every API URL, so never log it. */
  botToken: string;
  /** The chat messages go to when the route names none, and the only chat whose `/paid` commands count. */
  chatId?: number | string;
  /** https://api.telegram.org; tests point it at a loopback stub. */
  baseUrl?: string;
  /** The `secret_token` given to setWebhook; Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token`. */
  webhookSecret: string;
}

/** The Bot API's address. */
export const TELEGRAM_API = "https://api.telegram.org";

/** JSON Schema of `TelegramConfig`; the token and the webhook secret are secrets. */
export const telegramConfigSchema: JsonSchema = {
  type: "object",
  required: ["botToken", "webhookSecret"],
  additionalProperties: false,
  properties: {
    botToken: { type: "string", title: "Bot token", pattern: "^[0-9]+:[A-Za-z0-9_-]+$", "x-secret": true, description: "From @BotFather: 123456789:AA…" },
    chatId: { type: ["integer", "string"], title: "Chat", description: "Chat id (-100… for a group or channel) or @channelname: the default recipient, and the only chat whose /paid commands count." },
    baseUrl: { type: "string", title: "Bot API base URL", pattern: "^https?://", default: TELEGRAM_API },
    webhookSecret: {
      type: "string",
      title: "Webhook secret",
      pattern: "^[A-Za-z0-9_-]{1,256}$",
      "x-secret": true,
      description: "Pass it as secret_token to setWebhook; 1–256 letters, digits, _ and -.",
    },
  },
};
