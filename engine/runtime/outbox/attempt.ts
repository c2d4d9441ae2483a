/**
 * One delivery attempt of a claimed message: resolve its instance and action, check its input, hold it in
 * quiet hours, render its template, call the connector with a timeout, and classify what happened.
 */
import { asConnectorError, ConnectorError, isRetryable, validateConfig, type ConnectorLogger, type RenderedMessage } from "../../../connectors/sdk/index.ts";
import { quietUntil, type QuietHours } from "../../core/schedule/index.ts";
import { Problem } from "../../problem.ts";
import type { DealRow, OutboxRow } from "../../store/index.ts";
import type { ConnectorRuntime } from "../connectors/connector-runtime.ts";
import { backoffMs, exhausted, type RetryPolicy } from "./retry-policy.ts";
import type { Outcome } from "./outcome.ts";

/** Renders a message's template for a channel (engine/runtime/templates); undefined when the row names none. */
export type MessageRenderer = (row: OutboxRow, deal: DealRow | null, channel: "email" | "sms") => Promise<RenderedMessage | undefined>;

/** What an attempt needs besides the row. */
export interface AttemptDeps {
  connectors: ConnectorRuntime;
  render: MessageRenderer;
  policy: RetryPolicy;
  quietHours: QuietHours | null;
  /** The customer's time zone for quiet hours. */
  timeZoneOf: (deal: DealRow | null) => string;
  /** Public base URL of this server (for provider callbacks). */
  publicUrl: string;
  timeoutMs: number;
  random: () => number;
  log: ConnectorLogger;
}

/** Attempts one message at `now` and says what happened (never throws). */
export async function attempt(row: OutboxRow, deal: DealRow | null, now: Date, deps: AttemptDeps): Promise<Outcome> {
  let rendered: RenderedMessage | null = null;
  try {
    const instance = await deps.connectors.resolve(row.connector);
    const action = instance.connector.actions[row.action];
    if (!action) throw new ConnectorError(`The ${instance.connector.id} connector has no action "${row.action}".`, { retryable: false });
    const input = structuredClone(row.payload ?? {});
    const check = validateConfig(action.inputSchema, input);
    if (!check.ok) throw new ConnectorError(`The message's input does not match the action: ${check.errors.map((e) => e.message).join("; ")}.`, { retryable: false });
    if (row.audience === "customer" && deps.quietHours) {
      const timeZone = deps.timeZoneOf(deal);
      const until = quietUntil(now, timeZone, deps.quietHours);
      if (until) return { kind: "held", until, timeZone };
    }
    const session = await deps.connectors.session(instance);
    const result = await action.run(input, {
      config: instance.config,
      instance: instance.name,
      idempotencyKey: row.idempotencyKey,
      attempt: row.attempts + 1,
      message: { id: row.id, dealId: row.dealId, template: row.template },
      session,
      render: async (channel) => {
        const message = await deps.render(row, deal, channel);
        rendered = message ?? null;
        return message;
      },
      callbackUrl: (handler) => `${deps.publicUrl}/hooks/${encodeURIComponent(instance.name)}/${encodeURIComponent(handler)}`,
      signal: AbortSignal.timeout(deps.timeoutMs),
      log: deps.log,
    });
    return { kind: "sent", status: result.status, providerId: result.providerId ?? null, detail: result.detail ?? null, rendered };
  } catch (error) {
    return failed(row, error, now, rendered, deps);
  }
}

function failed(row: OutboxRow, error: unknown, now: Date, rendered: RenderedMessage | null, deps: AttemptDeps): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  const attempts = row.attempts + 1;
  // a template that cannot render, or an unknown instance, is an admin's to fix: keep retrying until exhausted
  const retryable = error instanceof Problem ? true : isRetryable(error);
  const connectorError = asConnectorError(error);
  if (!retryable) {
    const status = connectorError?.status === "bounced" || connectorError?.status === "undelivered" ? connectorError.status : "dead";
    return { kind: "dead", status, error: message, rendered };
  }
  if (exhausted(deps.policy, attempts)) return { kind: "dead", status: "dead", error: `${message} (gave up after ${attempts} tries)`, rendered };
  // the provider's own Retry-After wins when it asks for longer than our backoff
  const delay = Math.max(backoffMs(deps.policy, attempts, deps.random()), connectorError?.retryAfterMs ?? 0);
  return { kind: "retry", error: message, at: new Date(now.getTime() + delay), rendered };
}
