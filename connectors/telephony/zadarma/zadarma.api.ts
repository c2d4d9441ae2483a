/**
 * The Zadarma API call this connector makes: `GET /v1/request/callback/` (click-to-call: the PBX rings
 * `from` first, then bridges it to `to`), signed as the contract says, with its errors mapped to retryable
 * or permanent ones.
 */
import { readJsonObject, ConnectorError } from "../../sdk/index.ts";
import { authorizationHeader, phpQuery, type QueryValue } from "./zadarma.signature.ts";

/** The production API (the contract's server). */
export const ZADARMA_API = "https://api.zadarma.com";

/** The method path that is signed, trailing slash included (as the PHP client calls it). */
export const CALLBACK_METHOD = "/v1/request/callback/";

/** What a callback request names. */
export interface CallbackParams {
  /** Called first: the operator's extension, SIP number or phone. */
  from: string;
  /** Called second: the customer, digits with the country code. */
  to: string;
  sip?: string;
  predicted?: boolean;
}

/** Zadarma's answer to an accepted callback. */
export interface CallbackAnswer {
  status: "success";
  from: string | number;
  to: string | number;
  time: number;
}

/** Requests a callback; throws `ConnectorError` (retryable for 429, 5xx and network failures). */
export async function requestCallback(
  api: { baseUrl: string; key: string; secret: string },
  params: CallbackParams,
  signal: AbortSignal,
): Promise<CallbackAnswer> {
  const query: Record<string, QueryValue> = { from: params.from, to: params.to, sip: params.sip || undefined, predicted: params.predicted ? true : undefined };
  const url = `${api.baseUrl.replace(/\/+$/, "")}${CALLBACK_METHOD}?${phpQuery(query)}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: authorizationHeader(CALLBACK_METHOD, query, api.key, api.secret) }, signal });
  } catch (error) {
    throw new ConnectorError(`Zadarma is unreachable: ${(error as Error).message}`, { retryable: true, cause: error });
  }
  const body = await readJsonObject(response);
  const message = typeof body?.message === "string" ? body.message : `HTTP ${response.status}`;
  if (response.status === 429 || response.status >= 500) {
    throw new ConnectorError(`Zadarma answered ${response.status}: ${message}`, { retryable: true, code: String(response.status) });
  }
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError(`Zadarma refused the API key or signature (${response.status}): ${message}`, { retryable: false, code: String(response.status), status: "failed" });
  }
  if (!response.ok || body?.status !== "success") {
    throw new ConnectorError(`Zadarma refused the callback: ${message}`, { retryable: false, code: String(response.status), status: "failed" });
  }
  return body as unknown as CallbackAnswer;
}

