import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** An outgoing connector message, written in the command's transaction and sent later. */
export interface OutboxRow {
  id: number;
  dealId: string | null;
  token: string | null;
  elementId: string | null;
  connector: string;
  action: string;
  template: string | null;
  payload: Record<string, unknown>;
  /** `<dealId>:<token>:<element>`: a message is written once. */
  idempotencyKey: string;
  /**
   * pending (due at nextAttemptAt; also a held or failed-and-retrying message), sending (claimed),
   * sent (the provider accepted it), delivered, undelivered / bounced (the provider reported so), dead.
   */
  status: OutboxStatus;
  /** customer (held in quiet hours), staff (notifications), system (storefront pushes, calls). */
  audience: "customer" | "staff" | "system" | null;
  /** The provider's id of the message, matched by status callbacks. */
  providerId: string | null;
  /** What was rendered from the template and sent. */
  rendered: Record<string, unknown> | null;
  /** What the provider answered (kept for the timeline). */
  result: Record<string, unknown> | null;
  deliveredAt: Date | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  claimedBy: string | null;
  claimedAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The states of an outbox message. */
export type OutboxStatus = "pending" | "sending" | "sent" | "delivered" | "undelivered" | "bounced" | "dead";

/** The delivery bookkeeping of a new outbox row: pending, never tried, due at once. */
export function pendingDelivery(now: Date): Pick<OutboxRow, "status" | "attempts" | "nextAttemptAt" | "lastError" | "claimedBy" | "claimedAt" | "createdAt" | "sentAt" | "providerId" | "rendered" | "result" | "deliveredAt"> {
  return { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, claimedBy: null, claimedAt: null, createdAt: now, sentAt: null, providerId: null, rendered: null, result: null, deliveredAt: null };
}

/** The `outbox` table. */
export function outboxEntity(dialect: Dialect): EntitySchema<OutboxRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<OutboxRow>({
    name: "OutboxMessage",
    tableName: "outbox",
    columns: {
      id: c.serial(),
      dealId: c.string("deal_id", 36, true),
      token: c.string("token", 64, true),
      elementId: c.string("element_id", 191, true),
      connector: c.string("connector", 64),
      action: c.string("action", 64),
      template: c.string("template", 191, true),
      payload: c.json("payload", false),
      idempotencyKey: c.string("idempotency_key", 255),
      status: c.string("status", 16),
      attempts: c.int("attempts"),
      nextAttemptAt: c.datetime("next_attempt_at"),
      lastError: c.text("last_error", true),
      claimedBy: c.string("claimed_by", 64, true),
      claimedAt: c.datetime("claimed_at"),
      createdAt: c.datetime("created_at", false),
      sentAt: c.datetime("sent_at"),
      audience: c.string("audience", 16, true),
      providerId: c.string("provider_id", 191, true),
      rendered: c.json("rendered"),
      result: c.json("result"),
      deliveredAt: c.datetime("delivered_at"),
    },
  });
}
