/**
 * Asterisk through ARI: click-to-call by originating a channel to the operator's endpoint that, once
 * answered, dials the customer in a dialplan context (`POST /channels`, api-docs.channels.json), and call
 * events from the ARI events socket (opened when the engine starts) as `call.event` commands.
 */
import { createHash } from "node:crypto";
import { ConnectorError, defineConnector, normalizePhone } from "../../sdk/index.ts";
import templates from "./element-templates.json" with { type: "json" };
import { CallTracker, CHANNEL_PREFIX, CUSTOMER_VAR, OPERATOR_VAR } from "./ari.calls.ts";
import { AriSession } from "./ari.events.ts";
import { countChannels, originate, type AriEndpoint } from "./ari.rest.ts";
import { CALL_ACTION, type CallInput } from "../call-action.ts";

/** Asterisk ARI configuration. */
export interface AriConfig {
  /** ARI base URL, e.g. http://pbx:8088/ari. */
  url: string;
  username: string;
  password: string;
  /** The Stasis application: events are read as it; incoming calls for screen pops enter it with Stasis(app[,extension]). */
  app: string;
  /** Dialplan context in which the customer's number is dialled once the operator answers. */
  context: string;
  /** The operator's endpoint; `{extension}` is replaced (default PJSIP/{extension}). */
  operatorEndpoint?: string;
  /** Caller id shown on the operator's phone. */
  callerId?: string;
  /** Seconds the operator's phone rings before giving up (default 30). */
  timeoutSec?: number;
  /** Extension called when a call names no operator (calls from a route). */
  defaultOperator?: string;
}

const DEFAULT_ENDPOINT = "PJSIP/{extension}";

/** The Asterisk ARI connector. */
export const asteriskAriConnector = defineConnector<AriConfig>({
  id: "asterisk-ari",
  version: "1.0.0",
  title: "Asterisk (ARI)",
  kind: "telephony",
  description: "Click-to-call through Asterisk's REST Interface (originate); call events from the ARI events socket logged on the customer's deals, incoming calls pop up on the operator's screen.",
  configSchema: {
    type: "object",
    required: ["url", "username", "password", "app", "context"],
    additionalProperties: false,
    properties: {
      url: { type: "string", pattern: "^https?://", title: "ARI URL", examples: ["http://pbx:8088/ari"] },
      username: { type: "string", minLength: 1, title: "ARI user" },
      password: { type: "string", minLength: 1, title: "ARI password", "x-secret": true },
      app: { type: "string", pattern: "^[A-Za-z0-9_-]+$", title: "Stasis application" },
      context: { type: "string", minLength: 1, title: "Dialplan context that dials the customer" },
      operatorEndpoint: { type: "string", pattern: "\\{extension\\}", default: DEFAULT_ENDPOINT, title: "Operator endpoint template" },
      callerId: { type: "string", title: "Caller id shown to the operator" },
      timeoutSec: { type: "integer", minimum: 1, maximum: 600, default: 30, title: "Ring timeout (s)" },
      defaultOperator: { type: "string", pattern: "^[A-Za-z0-9_.-]+$", title: "Operator extension for calls from a route" },
    },
  },
  actions: {
    call: {
      ...CALL_ACTION,
      async run(input: CallInput, ctx) {
        const { config } = ctx;
        const operator = input.operator === undefined || input.operator === "" ? config.defaultOperator : String(input.operator);
        if (!operator) throw new ConnectorError("No operator to ring first: the call names none and the instance has no defaultOperator.", { retryable: false, status: "failed" });
        const customer = normalizePhone(String(input.to));
        if (!customer) throw new ConnectorError(`"${input.to}" is not a phone number.`, { retryable: false, status: "failed" });
        const channelId = channelIdOf(ctx.idempotencyKey);
        const session = ctx.session instanceof AriSession ? ctx.session : undefined;
        session?.expect(channelId, { customerPhone: customer, operator });
        const result = await originate(
          endpointOf(config),
          {
            endpoint: (config.operatorEndpoint ?? DEFAULT_ENDPOINT).replaceAll("{extension}", operator),
            extension: customer.replace(/\D/g, ""),
            context: config.context,
            priority: 1,
            callerId: config.callerId,
            timeout: config.timeoutSec ?? 30,
            channelId,
            variables: { [CUSTOMER_VAR]: customer, [OPERATOR_VAR]: operator },
          },
          ctx.signal,
        );
        return { status: "sent", providerId: result.channelId, detail: { operator, to: customer, ...(result.duplicate ? { alreadyOriginated: true } : {}) } };
      },
    },
  },
  eager: true,
  async open(ctx) {
    const ari = endpointOf(ctx.config);
    const tracker = new CallTracker({
      operatorEndpoint: ctx.config.operatorEndpoint ?? DEFAULT_ENDPOINT,
      context: ctx.config.context,
      recordingUrl: (name) => `${ari.url.replace(/\/+$/, "")}/recordings/stored/${encodeURIComponent(name)}/file`,
    });
    return new AriSession({ ari, app: ctx.config.app, tracker, log: ctx.log, emit: ctx.emit }).start();
  },
  async health(ctx) {
    try {
      const channels = await countChannels(endpointOf(ctx.config), ctx.signal);
      const socket = ctx.session instanceof AriSession ? (ctx.session.connected ? "; events socket connected" : "; events socket not connected") : "";
      return { ok: true, detail: `ARI answers (${channels} channels up)${socket}.` };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  },
  elementTemplates: templates as Record<string, unknown>[],
});

/** The channel id of a message's originate: stable per idempotency key, so a retry is deduplicated by Asterisk. */
export function channelIdOf(idempotencyKey: string): string {
  return `${CHANNEL_PREFIX}${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}`;
}

function endpointOf(config: AriConfig): AriEndpoint {
  return { url: config.url, username: config.username, password: config.password };
}
