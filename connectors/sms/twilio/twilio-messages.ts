/**
 * Twilio's Messages API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, basic auth
 * with the account SID and auth token. Its answers mapped to an `ActionResult` or a `ConnectorError`.
 */
import { ConnectorError, type ActionResult } from "../../sdk/index.ts";
import { TWILIO_API, type TwilioConfig } from "./twilio.config.ts";

/** One message to create. */
export interface TwilioMessage {
  to: string;
  body: string;
  /** Where Twilio posts status callbacks; none when undefined. */
  statusCallback?: string;
}

/** Twilio's error body (`{ code, message, more_info, status }`). */
interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
}

/** 400 errors that a later attempt may fix (a sender's queue overflowing). */
const RETRYABLE_CODES = new Set([21611]);

/** Creates the message; resolves once Twilio accepted it (201), throws `ConnectorError` otherwise. */
export async function createMessage(config: TwilioConfig, message: TwilioMessage, signal: AbortSignal): Promise<ActionResult> {
  const form = new URLSearchParams({ To: message.to });
  if (config.from) form.set("From", config.from);
  if (config.messagingServiceSid) form.set("MessagingServiceSid", config.messagingServiceSid);
  form.set("Body", message.body);
  if (message.statusCallback) form.set("StatusCallback", message.statusCallback);
  const response = await call(config, `/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`, { method: "POST", body: form, signal });
  const body = await readJson(response);
  if (response.status === 201 || response.status === 200) {
    const created = body as Record<string, unknown> | undefined;
    if (!created || typeof created.sid !== "string") throw new ConnectorError(`Twilio answered ${response.status} without a message sid.`, { retryable: true });
    return {
      status: "sent",
      providerId: created.sid,
      detail: {
        status: created.status ?? null,
        numSegments: created.num_segments == null ? null : Number(created.num_segments),
        price: created.price ?? null,
        priceUnit: created.price_unit ?? null,
        to: created.to ?? message.to,
        from: created.from ?? null,
        messagingServiceSid: created.messaging_service_sid ?? null,
        ...(created.error_code != null ? { errorCode: created.error_code, errorMessage: created.error_message ?? null } : {}),
      },
    };
  }
  throw errorOf(response.status, body as TwilioError | undefined);
}

/** Fetches the account: true when the credentials work; a `ConnectorError` saying why not otherwise. */
export async function fetchAccount(config: TwilioConfig, signal: AbortSignal): Promise<{ friendlyName?: string; status?: string }> {
  const response = await call(config, `/Accounts/${encodeURIComponent(config.accountSid)}.json`, { method: "GET", signal });
  const body = (await readJson(response)) as Record<string, unknown> | undefined;
  if (response.status !== 200) throw errorOf(response.status, body as TwilioError | undefined);
  return { friendlyName: body?.friendly_name as string | undefined, status: body?.status as string | undefined };
}

/** The `ConnectorError` for a Twilio error answer. */
export function errorOf(status: number, body: TwilioError | undefined): ConnectorError {
  const code = body?.code === undefined ? undefined : String(body.code);
  const what = `HTTP ${status}${code ? `, error ${code}` : ""}${body?.message ? `: ${body.message}` : ""}`;
  if (status === 401 || status === 403) {
    return new ConnectorError(`Twilio refused the credentials (${what}); check accountSid/authToken of the instance.`, { retryable: false, status: "failed", code });
  }
  if (status === 429) return new ConnectorError(`Twilio is rate-limiting (${what}); will retry.`, { retryable: true, code });
  if (status >= 500) return new ConnectorError(`Twilio failed (${what}); will retry.`, { retryable: true, code });
  if (status === 404) {
    return new ConnectorError(`Twilio does not know the account (${what}); check accountSid and baseUrl of the instance.`, { retryable: false, status: "failed", code });
  }
  const retryable = body?.code !== undefined && RETRYABLE_CODES.has(body.code);
  return new ConnectorError(`Twilio refused the message (${what})${body?.more_info ? ` — ${body.more_info}` : ""}.`, { retryable, status: retryable ? undefined : "failed", code });
}

async function call(config: TwilioConfig, path: string, init: { method: string; body?: URLSearchParams; signal: AbortSignal }): Promise<Response> {
  const base = (config.baseUrl ?? TWILIO_API).replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  try {
    return await fetch(`${base}/2010-04-01${path}`, {
      method: init.method,
      headers: { authorization, accept: "application/json", ...(init.body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: init.body?.toString(),
      signal: init.signal,
    });
  } catch (error) {
    const reason = (error as Error).name === "AbortError" || (error as Error).name === "TimeoutError" ? "timed out" : describeNetworkError(error);
    throw new ConnectorError(`Cannot reach Twilio at ${base} (${reason}); will retry.`, { retryable: true, cause: error });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
