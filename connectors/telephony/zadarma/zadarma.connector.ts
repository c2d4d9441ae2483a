/**
 * Zadarma (cloud PBX): click-to-call through `GET /v1/request/callback/` (the operator's phone rings, then
 * the customer's), and the PBX's call notifications at `/hooks/<instance>/events`, signature verified,
 * turned into `call.event` commands. Zadarma checks the URL first with `GET ?zd_echo=<x>`, answered with x.
 */
import { ConnectorError, defineConnector, formBody, normalizePhone, safeEqual, type InboundRequest } from "../../sdk/index.ts";
import templates from "./element-templates.json" with { type: "json" };
import { requestCallback, ZADARMA_API } from "./zadarma.api.ts";
import { callEventOf } from "./zadarma.notify.ts";
import { isNotifyEvent, webhookSignature } from "./zadarma.signature.ts";
import { CALL_ACTION, type CallInput } from "../call-action.ts";

/** Zadarma configuration (the API key pair from my.zadarma.com/api). */
export interface ZadarmaConfig {
  key: string;
  secret: string;
  /** Default https://api.zadarma.com. */
  baseUrl?: string;
  /** Called first when a call names no operator (an extension such as 100, a SIP number or a phone). */
  from?: string;
  /** SIP number or extension whose caller id the call shows (optional). */
  sip?: string;
  /** Ring the customer first and bridge the operator only once they answer. */
  predicted?: boolean;
}

/** The Zadarma connector. */
export const zadarmaConnector = defineConnector<ZadarmaConfig>({
  id: "zadarma",
  version: "1.0.0",
  title: "Zadarma (cloud PBX)",
  kind: "telephony",
  description: "Click-to-call through Zadarma's callback API; call notifications (start, answer, end, recording) logged on the customer's deals.",
  configSchema: {
    type: "object",
    required: ["key", "secret"],
    additionalProperties: false,
    properties: {
      key: { type: "string", minLength: 1, title: "API key" },
      secret: { type: "string", minLength: 1, title: "API secret", "x-secret": true },
      baseUrl: { type: "string", pattern: "^https?://", default: ZADARMA_API, title: "API base URL" },
      from: { type: "string", pattern: "^(\\+?[0-9]{7,15}|[0-9]{3,5})$", title: "Default operator (extension or number called first)" },
      sip: { type: "string", pattern: "^([0-9]{5}|[0-9]{3})$", title: "SIP number or extension whose caller id is shown" },
      predicted: { type: "boolean", default: false, title: "Ring the customer first" },
    },
  },
  actions: {
    call: {
      ...CALL_ACTION,
      async run(input: CallInput, ctx) {
        const from = input.operator === undefined ? ctx.config.from : String(input.operator);
        if (!from) throw new ConnectorError("No operator to call first: the call names none and the instance has no default `from`.", { retryable: false, status: "failed" });
        const to = (normalizePhone(String(input.to)) ?? String(input.to)).replace(/\D/g, "");
        if (to === "") throw new ConnectorError(`"${input.to}" is not a phone number.`, { retryable: false, status: "failed" });
        const api = { baseUrl: ctx.config.baseUrl ?? ZADARMA_API, key: ctx.config.key, secret: ctx.config.secret };
        const answer = await requestCallback(api, { from, to, sip: ctx.config.sip, predicted: ctx.config.predicted }, ctx.signal);
        return { status: "sent", detail: { from: String(answer.from), to: String(answer.to), time: answer.time } };
      },
    },
  },
  inbound: {
    events: {
      title: "PBX call notifications (NOTIFY_START … NOTIFY_RECORD)",
      verify(request, ctx) {
        if (echoOf(request) !== undefined) return true;
        const fields = formBody(request);
        if (!isNotifyEvent(fields.event)) return false;
        return safeEqual(request.headers.signature, webhookSignature(fields.event, fields, ctx.config.secret));
      },
      parse(request, ctx) {
        const echo = echoOf(request);
        if (echo !== undefined) return { commands: [], response: { status: 200, contentType: "text/plain", body: echo } };
        const fields = formBody(request);
        if (!isNotifyEvent(fields.event)) return { commands: [{ type: "none", note: `Zadarma event ${fields.event ?? "(none)"} is not a call event.` }] };
        return { commands: [{ type: "call.event", call: callEventOf(fields.event, fields, ctx.config.baseUrl ?? ZADARMA_API) }] };
      },
    },
  },
  elementTemplates: templates as Record<string, unknown>[],
});

/** The `zd_echo` of Zadarma's URL check (a GET), or undefined for a notification. */
function echoOf(request: InboundRequest): string | undefined {
  return request.method.toUpperCase() === "GET" && typeof request.query.zd_echo === "string" ? request.query.zd_echo : undefined;
}
