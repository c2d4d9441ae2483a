/**
 * Connectors in the runtime: the registry (built-ins plus configured packages), configured instances with
 * encrypted configuration, the outbox dispatcher, and webhooks turned into engine commands.
 */
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { builtInConnectors } from "../../../connectors/index.ts";
import { createRegistry, type CallEvent, type Connector, type InboundRequest } from "../../../connectors/sdk/index.ts";
import { isTimeZone } from "../../core/schedule/zone.ts";
import type { QuietHours } from "../../core/schedule/index.ts";
import type { DealRow } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";
import type { DealsService } from "../contract.ts";
import { dealIntake } from "../deal-intake.ts";
import { runCommand, type CommandDeps } from "../inbound/commands.ts";
import { handleWebhook, type WebhookAnswer } from "../inbound/webhook.ts";
import type { MessageRenderer } from "../outbox/attempt.ts";
import { DEFAULT_LIMITS, type DispatchLimits } from "../outbox/dispatcher.ts";
import { outboxService, type OutboxService } from "../outbox/outbox.service.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../outbox/retry-policy.ts";
import { outboxMessageRenderer, sharedRenderer } from "../templates/index.ts";
import { connectorView, type ConnectorView } from "./catalogue.ts";
import { ConnectorRuntime } from "./connector-runtime.ts";
import { connectorInstancesService, type ConnectorInstancesService } from "./instances.service.ts";

export type { ConnectorView } from "./catalogue.ts";
export type { ConnectorInstanceView, ConnectorInstancesService } from "./instances.service.ts";
export { resolveSecretKey } from "./secret-key.ts";
export { ConnectorRuntime } from "./connector-runtime.ts";

/** Options of the connector part of the runtime (all optional; tests inject them). */
export interface ConnectorOptions {
  /** The connectors known (default: the built-ins). */
  connectors?: Connector<any>[];
  /** Key encrypting instance configurations (default: a random one, for tests). */
  secretKey?: Buffer;
  /** Public base URL of the server, for provider callbacks (default http://localhost:3000). */
  publicUrl?: string;
  /** Customer messages are held in this nightly window; null turns it off (default 21:00–09:00). */
  quietHours?: QuietHours | null;
  /** Time zone for quiet hours when neither the customer nor the store has one (default UTC). */
  defaultTimeZone?: string;
  retryPolicy?: Partial<RetryPolicy>;
  dispatch?: Partial<DispatchLimits>;
  /** Timeout of one connector call in ms (default 30 s). */
  callTimeoutMs?: number;
  /** Renders a message's template (default: engine/runtime/templates). */
  render?: MessageRenderer;
  random?: () => number;
}

/** Everything about connectors that the API and the server use. */
export interface ConnectorServices {
  runtime: ConnectorRuntime;
  /** The registered connectors. */
  catalogue(): ConnectorView[];
  instances: ConnectorInstancesService;
  outbox: OutboxService;
  /** Handles a webhook call to `/hooks/<instance>/<handler>`. */
  webhook(instance: string, handler: string, request: InboundRequest): Promise<WebhookAnswer>;
  /** Where call events go (set by the calls service). */
  onCallEvent(handler: (call: CallEvent) => Promise<unknown>): void;
}

/** Builds the connector services over the runtime context and the deals service. */
export function connectorServices(ctx: RuntimeContext, deals: DealsService, options: ConnectorOptions = {}): ConnectorServices {
  const log = pino({ level: process.env.LOG_LEVEL ?? "info" }).child({ part: "connectors" });
  const registry = createRegistry(options.connectors ?? builtInConnectors);
  const runtime = new ConnectorRuntime(registry, ctx.dataSource, options.secretKey ?? randomBytes(32), log);
  const deps: CommandDeps = { deals, intake: dealIntake(ctx, deals) };
  runtime.onCommands(async (instance, commands) => {
    const resolved = await runtime.find(instance);
    for (const command of commands) {
      await runCommand(ctx, deps, { name: instance, connector: resolved?.connector.id ?? instance }, command).catch((error) => log.error({ err: error, instance, command: command.type }, "a connector event failed"));
    }
  });
  const limits = { ...DEFAULT_LIMITS, ...options.dispatch };
  const defaultTimeZone = options.defaultTimeZone ?? process.env.ORDER_ROUTES_DEFAULT_TIME_ZONE ?? "UTC";
  const outbox = outboxService(
    ctx,
    {
      connectors: runtime,
      render: options.render ?? outboxMessageRenderer(ctx.dataSource, sharedRenderer),
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
      quietHours: options.quietHours === undefined ? { from: "21:00", to: "09:00" } : options.quietHours,
      timeZoneOf: (deal) => customerTimeZone(deal, defaultTimeZone),
      publicUrl: (options.publicUrl ?? "http://localhost:3000").replace(/\/$/, ""),
      // a call never outlives its claim: otherwise another lane or process could send the message meanwhile
      timeoutMs: Math.min(options.callTimeoutMs ?? 30_000, Math.floor(limits.leaseMs / 2)),
      random: options.random ?? Math.random,
      log,
    },
    limits,
  );
  return {
    runtime,
    catalogue: () => registry.list().map(connectorView),
    instances: connectorInstancesService(ctx, runtime),
    outbox,
    webhook: (instance, handler, request) => handleWebhook(ctx, runtime, deps, instance, handler, request),
    onCallEvent(handler) {
      deps.callEvent = handler;
    },
  };
}

/** The customer's time zone (order data), else the default. */
function customerTimeZone(deal: DealRow | null, fallback: string): string {
  const zone = (deal?.data?.customer as { timeZone?: unknown } | undefined)?.timeZone;
  return typeof zone === "string" && isTimeZone(zone) ? zone : fallback;
}

