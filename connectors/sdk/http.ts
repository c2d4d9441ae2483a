/**
 * Talking to providers over HTTP: reading JSON answers, and a light keep-alive request.
 */
import { Agent as HttpAgent, request as httpRequestRaw } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** The response body as a JSON object, or undefined when it is empty, not JSON, or not an object. */
export async function readJsonObject(response: Response): Promise<Record<string, unknown> | undefined> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An HTTP answer: status and body text. */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  text: string;
}

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

/**
 * A request over node's http/https with keep-alive connections (lighter than `fetch` for many small calls,
 * e.g. the outbox's pushes); rejects on network errors and when `signal` aborts.
 */
export function httpRequest(url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const send = secure ? httpsRequest : httpRequestRaw;
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: init.method, headers: { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) }, agent: secure ? agents.https : agents.http, signal: init.signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
