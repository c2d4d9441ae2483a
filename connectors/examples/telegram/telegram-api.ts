/**
 * The Telegram Bot API (https://core.telegram.org/bots/api): `POST <baseUrl>/bot<token>/<method>` with a
 * JSON body; every answer is `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }`.
 * Failures become `ConnectorError`s the outbox understands: 429, 5xx and network errors are retried,
 * everything else is permanent. The token is in the URL, so no message here ever contains the URL.
 */
import { ConnectorError } from "../../sdk/index.ts";
import { TELEGRAM_API, type TelegramConfig } from "./telegram.config.ts";

/** The part of a sent Message the connector keeps. */
export interface TelegramMessage {
  message_id: number;
  chat: { id: number; type?: string };
}

/** The part of getMe's User the health check shows. */
export interface TelegramBot {
  id: number;
  username?: string;
}

/** Telegram's error answer. */
interface TelegramError {
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Calls a Bot API method and returns its `result`; throws a `ConnectorError` saying whether a retry can help. */
export async function callBotApi<T>(config: TelegramConfig, method: string, body: Record<string, unknown>, signal: AbortSignal): Promise<T> {
  const base = (config.baseUrl ?? TELEGRAM_API).replace(/\/+$/, "");
  let response: Response;
  try {
    response = await fetch(`${base}/bot${config.botToken}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new ConnectorError(`Cannot reach the Telegram Bot API at ${base} (${cause}); will retry.`, { retryable: true, cause: error });
  }
  const answer = (await response.json().catch(() => undefined)) as ({ ok?: boolean; result?: T } & TelegramError) | undefined;
  if (response.ok && answer?.ok === true && answer.result !== undefined) return answer.result;
  throw errorOf(response.status, answer);
}

/** The `ConnectorError` for a Telegram error answer. */
export function errorOf(status: number, answer: TelegramError | undefined): ConnectorError {
  const code = String(answer?.error_code ?? status);
  const what = `${code} ${answer?.description ?? "without a Telegram answer"}`;
  if (status === 429) {
    const wait = answer?.parameters?.retry_after;
    return new ConnectorError(`Telegram is rate-limiting the bot (${what})${wait === undefined ? "" : `; it asks to wait ${wait} s`}; will retry.`, { retryable: true, code });
  }
  if (status >= 500 || (status >= 200 && status < 300)) return new ConnectorError(`Telegram failed (${what}); will retry.`, { retryable: true, code });
  if (status === 401 || status === 404) return new ConnectorError(`Telegram does not know this bot (${what}); check botToken and baseUrl of the instance.`, { retryable: false, status: "failed", code });
  if (status === 403) return new ConnectorError(`Telegram will not deliver to this chat (${what}): the bot was blocked or removed.`, { retryable: false, status: "undelivered", code });
  const moved = answer?.parameters?.migrate_to_chat_id;
  return new ConnectorError(`Telegram refused the message (${what})${moved === undefined ? "" : `; the group is now the supergroup ${moved}: set chatId to it`}.`, { retryable: false, status: "failed", code });
}
