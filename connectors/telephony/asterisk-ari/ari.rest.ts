/**
 * The ARI REST calls this connector makes (api-docs.channels.json): originate (`POST /channels`), send an
 * incoming channel back to the dialplan (`POST /channels/{id}/continue`), and list channels (health).
 * HTTP basic authentication with the ARI user.
 */
import { readJsonObject, ConnectorError } from "../../sdk/index.ts";

/** Where and as whom to call ARI. */
export interface AriEndpoint {
  /** Base URL of ARI, e.g. http://pbx:8088/ari. */
  url: string;
  username: string;
  password: string;
}

/** The originate of a click-to-call: ring `endpoint`; once answered, dial `extension` in `context`. */
export interface Originate {
  endpoint: string;
  extension: string;
  context: string;
  priority: number;
  callerId?: string;
  timeout: number;
  channelId: string;
  variables: Record<string, string>;
}

/** The answer of an originate: the channel id, and whether Asterisk had it already (a repeated request). */
export interface Originated {
  channelId: string;
  duplicate: boolean;
  state?: string;
}

/** Originates a channel; 409 (or 400 "already exists") is the same channel id again, hence success. */
export async function originate(ari: AriEndpoint, call: Originate, signal: AbortSignal): Promise<Originated> {
  const query = new URLSearchParams({
    endpoint: call.endpoint,
    extension: call.extension,
    context: call.context,
    priority: String(call.priority),
    ...(call.callerId ? { callerId: call.callerId } : {}),
    timeout: String(call.timeout),
    channelId: call.channelId,
  });
  const response = await send(ari, "POST", `/channels?${query}`, signal, { variables: call.variables });
  const body = await readJsonObject(response);
  const message = typeof body?.message === "string" ? body.message : `HTTP ${response.status}`;
  if (response.status === 409 || (response.status === 400 && /already exists/i.test(message))) return { channelId: call.channelId, duplicate: true };
  if (response.ok) return { channelId: typeof body?.id === "string" ? body.id : call.channelId, duplicate: false, state: typeof body?.state === "string" ? body.state : undefined };
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new ConnectorError(`Asterisk refused the originate (${response.status}): ${message}`, { retryable, code: String(response.status), ...(retryable ? {} : { status: "failed" as const }) });
}

/** Sends a channel held in the Stasis app back to the dialplan, where it left it. */
export async function continueInDialplan(ari: AriEndpoint, channelId: string, signal: AbortSignal): Promise<void> {
  const response = await send(ari, "POST", `/channels/${encodeURIComponent(channelId)}/continue`, signal);
  if (!response.ok && response.status !== 404) throw new Error(`Asterisk did not continue channel ${channelId} (${response.status}).`);
}

/** How many channels Asterisk has (the health check: ARI answers with these credentials). */
export async function countChannels(ari: AriEndpoint, signal: AbortSignal): Promise<number> {
  const response = await send(ari, "GET", "/channels", signal);
  if (!response.ok) throw new Error(`ARI answered ${response.status} to GET /channels.`);
  const body: unknown = await response.json();
  return Array.isArray(body) ? body.length : 0;
}

async function send(ari: AriEndpoint, method: string, path: string, signal: AbortSignal, json?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString("base64")}` };
  if (json !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(`${ari.url.replace(/\/+$/, "")}${path}`, { method, headers, signal, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  } catch (error) {
    throw new ConnectorError(`Asterisk ARI is unreachable: ${(error as Error).message}`, { retryable: true, cause: error });
  }
}

