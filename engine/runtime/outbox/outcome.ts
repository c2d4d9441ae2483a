/**
 * What happened to one claimed message, and the row changes and timeline entry each outcome means.
 */
import type { RenderedMessage } from "../../../connectors/sdk/index.ts";
import type { OutboxRow, OutboxStatus } from "../../store/index.ts";

/** The result of one delivery attempt. */
export type Outcome =
  | { kind: "sent"; status: "sent" | "delivered"; providerId: string | null; detail: Record<string, unknown> | null; rendered: RenderedMessage | null }
  | { kind: "retry"; error: string; at: Date; rendered: RenderedMessage | null }
  | { kind: "dead"; status: "dead" | "bounced" | "undelivered"; error: string; rendered: RenderedMessage | null }
  | { kind: "held"; until: Date; timeZone: string };

/** The columns an outcome changes on its outbox row. */
export function rowChanges(row: OutboxRow, outcome: Outcome, now: Date): Partial<OutboxRow> {
  const released = { claimedBy: null, claimedAt: null };
  switch (outcome.kind) {
    case "sent":
      return {
        ...released,
        status: outcome.status,
        attempts: row.attempts + 1,
        providerId: outcome.providerId,
        result: outcome.detail,
        rendered: renderedColumn(outcome.rendered),
        sentAt: now,
        deliveredAt: outcome.status === "delivered" ? now : null,
        lastError: null,
        nextAttemptAt: null,
      };
    case "retry":
      return { ...released, status: "pending", attempts: row.attempts + 1, lastError: outcome.error, nextAttemptAt: outcome.at, rendered: renderedColumn(outcome.rendered) };
    case "dead":
      return { ...released, status: outcome.status, attempts: row.attempts + 1, lastError: outcome.error, nextAttemptAt: null, rendered: renderedColumn(outcome.rendered) };
    case "held":
      return { ...released, status: "pending", nextAttemptAt: outcome.until };
  }
}

/** The timeline action of an outcome (`message.sent`, `message.delivered`, `message.retrying`, `message.dead`, `message.held`…). */
export function auditAction(outcome: Outcome): string {
  switch (outcome.kind) {
    case "sent":
      return `message.${outcome.status}`;
    case "retry":
      return "message.retrying";
    case "dead":
      return `message.${outcome.status}`;
    case "held":
      return "message.held";
  }
}

/** What the timeline shows of an outcome (never secrets: rendered text, the provider's id, the error). */
export function auditPayload(row: OutboxRow, outcome: Outcome): Record<string, unknown> {
  const base = { message: row.id, instance: row.connector, action: row.action, template: row.template, to: row.payload?.to ?? null, attempt: row.attempts + 1 };
  switch (outcome.kind) {
    case "sent":
      return { ...base, providerId: outcome.providerId, ...(outcome.rendered ? { rendered: summary(outcome.rendered) } : {}) };
    case "retry":
      return { ...base, error: outcome.error, nextAttemptAt: outcome.at.toISOString() };
    case "dead":
      return { ...base, error: outcome.error };
    case "held":
      return { message: row.id, instance: row.connector, template: row.template, until: outcome.until.toISOString(), timeZone: outcome.timeZone };
  }
}

/** The delivery status a deal may wait for after an outcome (`<instance>.<status>`), if any. */
export function statusMessage(outcome: Outcome): OutboxStatus | "failed" | null {
  if (outcome.kind === "sent" && outcome.status === "delivered") return "delivered";
  if (outcome.kind === "dead") return outcome.status === "dead" ? "failed" : outcome.status;
  return null;
}

function renderedColumn(rendered: RenderedMessage | null): Record<string, unknown> | null {
  return rendered ? { ...rendered } : null;
}

function summary(rendered: RenderedMessage): Record<string, unknown> {
  return rendered.channel === "email" ? { channel: "email", subject: rendered.subject, locale: rendered.locale } : { channel: "sms", text: rendered.text, locale: rendered.locale };
}
