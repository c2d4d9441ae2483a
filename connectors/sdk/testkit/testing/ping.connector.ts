/**
 * A small, sound HTTP connector for the kit's own tests: `send` POSTs `{to, text}` with a bearer token to
 * `<baseUrl>/messages` (201 `{id}`; 429/5xx/network retryable, other 4xx permanent), `events` takes
 * `{messageId, status}` signed `X-Ping-Signature: <hex HMAC-SHA256 of the body>`. Tests break copies of it.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { defineConnector } from "../../define.ts";
import { ConnectorError, InboundRejected } from "../../errors.ts";
import { jsonBody } from "../../body.ts";
import { safeEqual } from "../../signatures.ts";
import type { Connector, InboundRequest } from "../../types.ts";
import type { ConnectorKitSpec } from "../kit-spec.ts";
import { alteredRequest, inboundRequest } from "../request.ts";

/** The ping connector's configuration. */
export interface PingConfig {
  baseUrl: string;
  token: string;
  hookSecret: string;
}

/** The sound connector. */
export const pingConnector: Connector<PingConfig> = defineConnector<PingConfig>({
  id: "ping",
  version: "1.0.0",
  title: "Ping (kit fixture)",
  kind: "other",
  configSchema: {
    type: "object",
    required: ["baseUrl", "token", "hookSecret"],
    additionalProperties: false,
    properties: {
      baseUrl: { type: "string", pattern: "^https?://" },
      token: { type: "string", minLength: 1, "x-secret": true },
      hookSecret: { type: "string", minLength: 1, "x-secret": true },
    },
  },
  actions: {
    send: {
      title: "Send",
      inputSchema: { type: "object", required: ["to"], properties: { to: { type: "string" }, text: { type: "string" } } },
      async run(input: { to: string; text?: string }, ctx) {
        let response: Response;
        try {
          response = await fetch(`${ctx.config.baseUrl}/messages`, {
            method: "POST",
            headers: { authorization: `Bearer ${ctx.config.token}`, "content-type": "application/json", "idempotency-key": ctx.idempotencyKey },
            body: JSON.stringify({ to: input.to, text: input.text ?? "" }),
            signal: ctx.signal,
          });
        } catch (error) {
          throw new ConnectorError(`Ping is unreachable: ${(error as Error).message}`, { retryable: true, cause: error });
        }
        const body = (await response.json().catch(() => ({}))) as { id?: string };
        if (response.status === 201 && body.id) return { status: "sent", providerId: body.id };
        const retryable = response.status === 429 || response.status >= 500;
        throw new ConnectorError(`Ping answered ${response.status}.`, { retryable, ...(retryable ? {} : { status: "failed" as const }) });
      },
    },
  },
  inbound: {
    events: {
      title: "Delivery reports",
      verify: (request, ctx) => safeEqual(request.headers["x-ping-signature"], sign(ctx.config.hookSecret, request.rawBody)),
      parse(request) {
        const body = jsonBody(request) as { messageId?: unknown; status?: unknown };
        if (typeof body.messageId !== "string") throw new InboundRejected(422, "messageId is missing.", "/messageId");
        return { commands: [{ type: "message.status", providerId: body.messageId, status: body.status === "delivered" ? "delivered" : "failed" }] };
      },
    },
  },
  async health({ config, signal }) {
    const response = await fetch(`${config.baseUrl}/me`, { signal }).catch(() => undefined);
    return { ok: response?.status === 200, detail: response ? `Ping answered ${response.status}.` : "Ping is unreachable." };
  },
  elementTemplates: [
    {
      id: "ping.send",
      name: "Ping",
      appliesTo: ["bpmn:SendTask"],
      properties: [
        { type: "Hidden", value: "send", binding: { type: "or:connector", name: "action" } },
        { type: "String", value: "ping", binding: { type: "or:connector", name: "connector" } },
      ],
    },
  ],
});

/** The sample configuration pointed at a stub. */
export const pingConfig = (stubUrl: string): PingConfig => ({ baseUrl: stubUrl, token: "ping-token", hookSecret: "hook-secret" });

/** Hex HMAC-SHA256 of a body, as Ping signs its events. */
export function sign(secret: string, body: Buffer | string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** An event signed with `secret` (the sample's by default). */
export function signedEvent(body: unknown, secret = "hook-secret"): InboundRequest {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return inboundRequest({ body: raw, headers: { "x-ping-signature": sign(secret, raw) } });
}

/** The kit spec the sound connector passes; the kit's tests break the connector one way at a time against it. */
export const pingSpec: ConnectorKitSpec<PingConfig> = {
  config: pingConfig,
  secrets: ["/token", "/hookSecret"],
  actions: {
    send: {
      input: { to: "+79123456789", text: "hi" },
      respond: { status: 201, body: { id: "m-1" } },
      expect: (result, [request]) => {
        assert.equal(result.providerId, "m-1");
        assert.equal(request.headers.authorization, "Bearer ping-token");
      },
    },
  },
  inbound: {
    events: {
      good: signedEvent({ messageId: "m-1", status: "delivered" }),
      expect: [{ type: "message.status", providerId: "m-1", status: "delivered" }],
      bad: [signedEvent({ messageId: "m-1", status: "delivered" }, "wrong"), alteredRequest(signedEvent({ messageId: "m-1" }), { headers: { "x-ping-signature": undefined } })],
      malformed: [{ request: signedEvent({ status: "delivered" }), status: 422, pointer: "/messageId" }],
    },
  },
  retries: {
    send: [
      { respond: { status: 503 }, retryable: true },
      { respond: "unreachable", retryable: true },
      { respond: { status: 400 }, retryable: false, status: "failed" },
    ],
  },
  health: [{ respond: { status: 200 }, ok: true }, { respond: { status: 401 }, ok: false }],
};
