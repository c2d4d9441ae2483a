/**
 * The OpenAPI paths and schemas of telephony on a deal (click-to-call, call log) and of the screen pop that
 * the notifications stream carries (merged into the document by document.ts).
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/json": { schema } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const common = { "401": problem("No valid bearer token."), "500": problem("Internal error (details are logged, not sent).") };
const dealId = { name: "id", in: "path", required: true, description: "Deal id.", schema: { type: "string" } };
const str = { type: "string" };
const strOrNull = { type: ["string", "null"] };

/** Paths of the telephony endpoints. */
export const callPaths: Record<string, Record<string, unknown>> = {
  "/api/deals/{id}/call": {
    post: {
      tags: ["calls"],
      summary: "Click-to-call: ring the caller's extension, then the deal's customer",
      description:
        "Queues the call in the outbox (connector = the instance, action `call`, payload `{operator, to}`) and writes `call.requested` on the deal's timeline, in one transaction; " +
        "the dispatcher places it. Call events that follow (started, answered, ended, recording) come from the PBX and appear in the call log.",
      parameters: [dealId],
      requestBody: { required: false, content: json(ref("CallRequest")) },
      responses: {
        "202": { description: "Queued.", content: json(ref("CallRequested")) },
        ...common,
        "404": problem("No such deal, or not one the caller can see."),
        "422": problem("The caller has no extension (pointer /extension), the deal no customer phone (/customer/phone), or the instance is not configured or disabled (/instance)."),
      },
    },
  },
  "/api/deals/{id}/calls": {
    get: {
      tags: ["calls"],
      summary: "The deal's call log, oldest first",
      parameters: [dealId],
      responses: { "200": { description: "The calls.", content: json({ type: "array", items: ref("CallLogEntry") }) }, ...common, "404": problem("No such deal, or not one the caller can see.") },
    },
  },
};

/** Schemas of the telephony endpoints and the screen pop. */
export const callSchemas: Record<string, unknown> = {
  CallRequest: {
    type: "object",
    additionalProperties: false,
    properties: { instance: { type: "string", default: "phone", description: "Telephony connector instance (asterisk-ari, zadarma…)." } },
  },
  CallRequested: {
    type: "object",
    required: ["dealId", "instance", "operator", "to", "messageId", "idempotencyKey", "requestedAt"],
    properties: {
      dealId: str,
      instance: str,
      operator: { type: "string", description: "The caller's extension, rung first." },
      to: { type: "string", description: "The customer's phone (E.164)." },
      messageId: { type: "integer", description: "The outbox message carrying the call." },
      idempotencyKey: str,
      requestedAt: { type: "string", format: "date-time" },
    },
  },
  CallLogEntry: {
    type: "object",
    required: ["id", "at", "event"],
    properties: {
      id: { type: "integer", description: "The audit entry (action call.<event>)." },
      at: { type: "string", format: "date-time" },
      event: { enum: ["requested", "started", "answered", "ended", "recording"] },
      callId: strOrNull,
      direction: { enum: ["incoming", "outgoing", null] },
      operator: strOrNull,
      actor: strOrNull,
      phone: strOrNull,
      durationSec: { type: ["integer", "null"] },
      disposition: { type: ["string", "null"], description: "ended: answered, busy, no-answer, cancelled, failed." },
      recordingUrl: strOrNull,
    },
  },
  ScreenPop: {
    type: "object",
    description: "Data of `event: screen-pop` on GET /api/notifications/stream: an incoming call for the operator (not stored, never replayed).",
    required: ["callId", "phone", "customerName", "operator", "deals", "at"],
    properties: {
      callId: str,
      phone: str,
      customerName: strOrNull,
      operator: strOrNull,
      deals: {
        type: "array",
        items: { type: "object", required: ["id", "externalId", "stage", "store"], properties: { id: str, externalId: str, stage: strOrNull, store: strOrNull } },
      },
      at: { type: "string", format: "date-time" },
    },
  },
};
