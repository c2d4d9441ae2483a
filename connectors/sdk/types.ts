/**
 * The connector contract. A connector is a plain object (see `defineConnector`): its configuration schema,
 * the actions the outbox dispatcher calls, the inbound handlers that turn webhooks into engine commands, an
 * optional long-lived session (an SMPP bind, an event socket) and a health check. Connectors import only
 * from `connectors/sdk`, never from the engine.
 */

/** A JSON Schema (draft-07) as a plain object; a property with `"x-secret": true` is a secret. */
export type JsonSchema = Record<string, unknown>;

/** What a connector is for; the designer and the admin pages group connectors by it. */
export type ConnectorKind = "email" | "sms" | "telephony" | "storefront" | "other";

/** The logger a connector gets (pino-compatible subset). */
export interface ConnectorLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** A message rendered from its template, as the dispatcher hands it to an action. */
export type RenderedMessage =
  | { channel: "email"; subject: string; html: string; text: string; locale: string }
  | { channel: "sms"; text: string; locale: string };

/** What an action is called with besides its input. */
export interface ActionContext<Config> {
  /** The instance's configuration, validated and decrypted. */
  config: Config;
  /** Name of the configured instance (`sms`, `email`, `shop`). */
  instance: string;
  /** Stable per message: pass it to providers that deduplicate (a retry sends the same key). */
  idempotencyKey: string;
  /** 1 on the first try. */
  attempt: number;
  /** The outbox message being delivered. */
  message: { id: number; dealId: string | null; template: string | null };
  /** Renders the message's template for a channel in the recipient's locale; undefined when the message names no template. */
  render(channel: "email" | "sms"): Promise<RenderedMessage | undefined>;
  /** The session opened by `connector.open`, when the connector has one. */
  session?: unknown;
  /** Public URL of one of this instance's inbound handlers (for provider status callbacks). */
  callbackUrl(handler: string): string;
  /** Aborted when the dispatcher's timeout for this call expires. */
  signal: AbortSignal;
  log: ConnectorLogger;
}

/** What an action reports once the provider has accepted the message. */
export interface ActionResult {
  /** `sent`: accepted, a delivery report may follow; `delivered`: the provider confirmed delivery already. */
  status: "sent" | "delivered";
  /** The provider's id of the message, to match later status callbacks. */
  providerId?: string;
  /** Anything worth keeping on the deal's timeline (never secrets). */
  detail?: Record<string, unknown>;
}

/** One thing a connector can do, called by the outbox dispatcher with the message's input. */
export interface ConnectorAction<Config, Input = Record<string, unknown>> {
  title: string;
  description?: string;
  /** JSON Schema of the input; the dispatcher validates it before the call (a mismatch is dead at once). */
  inputSchema: JsonSchema;
  /** The channel this action's templates render for (shown in the designer and the template preview). */
  channel?: "email" | "sms";
  run(input: Input, ctx: ActionContext<Config>): Promise<ActionResult>;
}

/** An HTTP request as an inbound handler sees it. */
export interface InboundRequest {
  method: string;
  /** The full public URL the provider called (providers such as Twilio sign it). */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: signatures are computed over it. */
  rawBody: Buffer;
  query: Record<string, string>;
}

/** The status of an outgoing message as a provider reports it later. */
export type DeliveryStatus = "sent" | "delivered" | "undelivered" | "failed" | "bounced" | "read";

/** The order schema's shape, loosely typed (definitions/schemas/order.schema.json is the contract). */
export type Order = Record<string, unknown> & { externalId: string };

/** A phone call event, in the connector-neutral vocabulary. */
export interface CallEvent {
  /** The provider's call id (all events of one call share it). */
  callId: string;
  event: "started" | "answered" | "ended" | "recording";
  direction: "incoming" | "outgoing";
  /** The customer's number, normalised to E.164 when possible; "" when the provider gives none (the engine then matches the call by `callId`). */
  customerPhone: string;
  /** The staff side: extension, SIP endpoint or login. */
  operator?: string;
  at?: string;
  durationSec?: number;
  /** ended: answered, busy, no-answer, failed… */
  disposition?: string;
  recordingUrl?: string;
}

/** What an inbound handler asks the engine to do; each command runs in its own transaction. */
export type EngineCommand =
  | { type: "deal.start"; order: Order; route?: string }
  | { type: "deal.message"; name: string; orderId?: string; dealId?: string; payload?: Record<string, unknown> }
  /** The storefront cancelled the order: delivered as message `order.cancelled` when the route waits for it, else the deal is cancelled with the reason. */
  | { type: "deal.cancel"; orderId: string; reason: string; note?: string }
  | { type: "message.status"; providerId: string; status: DeliveryStatus; error?: string; at?: string }
  | { type: "call.event"; call: CallEvent }
  | { type: "none"; note: string };

/** The result of an inbound handler: commands to run and, optionally, the exact HTTP answer the provider expects. */
export interface InboundResult {
  commands: EngineCommand[];
  response?: { status: number; contentType?: string; body: string };
}

/** What an inbound handler is called with. */
export interface InboundContext<Config> {
  config: Config;
  instance: string;
  log: ConnectorLogger;
}

/** A webhook endpoint of a connector, served at `/hooks/<instance>/<handler>`. */
export interface InboundHandler<Config> {
  title: string;
  /** True when the request carries a valid signature (false → 401, nothing runs). */
  verify(request: InboundRequest, ctx: InboundContext<Config>): boolean | Promise<boolean>;
  /** Parses a verified request into commands; throws `InboundRejected` (422 with a pointer) when malformed. */
  parse(request: InboundRequest, ctx: InboundContext<Config>): InboundResult | Promise<InboundResult>;
}

/** What `open` gets: the configuration and a way to hand asynchronous events (delivery receipts, call events) to the engine. */
export interface SessionContext<Config> {
  config: Config;
  instance: string;
  log: ConnectorLogger;
  emit(commands: EngineCommand[]): Promise<void>;
}

/** A long-lived connection (an SMPP bind, an ARI event socket). */
export interface ConnectorSession {
  close(): Promise<void>;
}

/** The answer of a health check. */
export interface HealthResult {
  ok: boolean;
  detail: string;
}

/** A connector: everything an integrator writes. */
export interface Connector<Config = Record<string, unknown>> {
  /** Stable id, lower-case (`smtp`, `twilio`, `woocommerce`). */
  id: string;
  version: string;
  title: string;
  kind: ConnectorKind;
  description?: string;
  /** JSON Schema of the configuration; secrets carry `"x-secret": true` and are stored encrypted. */
  configSchema: JsonSchema;
  actions: Record<string, ConnectorAction<Config, any>>;
  inbound?: Record<string, InboundHandler<Config>>;
  /** Opens the instance's session (called once, before the first action or at start when `eager`). */
  open?(ctx: SessionContext<Config>): Promise<ConnectorSession>;
  /** Open the session when the engine starts (to receive events), not lazily on the first action. */
  eager?: boolean;
  health?(ctx: { config: Config; instance: string; session?: unknown; signal: AbortSignal }): Promise<HealthResult>;
  /** bpmn-js element templates (https://github.com/bpmn-io/element-templates) for its service/send tasks. */
  elementTemplates?: Record<string, unknown>[];
}
