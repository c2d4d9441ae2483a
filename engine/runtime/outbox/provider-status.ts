/**
 * Delivery reports from providers (status callbacks, SMPP receipts): the message found by its instance and
 * the provider's id moves on (never back: a late "sent" does not undo "delivered"), the deal's timeline
 * gets an entry, and a deal waiting for `<instance>.<status>` is told.
 */
import type { DeliveryStatus } from "../../../connectors/sdk/index.ts";
import { Entities, inTransaction, Writes, type AuditRow, type OutboxRow, type OutboxStatus } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";
import { deliverIfAwaited } from "../messages/system-delivery.ts";

/** A provider's report about one message. */
export interface ProviderStatus {
  instance: string;
  providerId: string;
  status: DeliveryStatus;
  error?: string;
  at?: string;
}

const RANK: Record<OutboxStatus, number> = { pending: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, bounced: 3, dead: 4 };

/** The outbox status a provider's status means. */
export function outboxStatusOf(status: DeliveryStatus): OutboxStatus {
  switch (status) {
    case "sent":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "bounced":
      return "bounced";
    case "undelivered":
    case "failed":
      return "undelivered";
  }
}

/** Applies a report; returns how many messages it moved (0 for an unknown id or a stale report). */
export async function applyProviderStatus(ctx: RuntimeContext, report: ProviderStatus): Promise<number> {
  if (typeof report.providerId !== "string" || report.providerId === "") return 0;
  const next = outboxStatusOf(report.status);
  const moved = await inTransaction(ctx.dataSource, async (manager) => {
    const rows = await manager.getRepository<OutboxRow>(Entities.Outbox).findBy({ connector: report.instance, providerId: report.providerId });
    const changing = rows.filter((row) => RANK[next] > RANK[row.status] || (next === "delivered" && row.status === "undelivered"));
    if (changing.length === 0) return [];
    const now = ctx.now();
    const at = report.at && !Number.isNaN(Date.parse(report.at)) ? new Date(report.at) : now;
    const writes = new Writes();
    for (const row of changing) {
      writes.update<OutboxRow>(Entities.Outbox, { id: row.id }, { status: next, ...(next === "delivered" ? { deliveredAt: at } : {}), ...(report.error ? { lastError: report.error } : {}) });
      if (row.dealId) {
        writes.insert<AuditRow>(Entities.Audit, {
          dealId: row.dealId,
          taskId: null,
          action: `message.${next}`,
          actorUser: `connector:${report.instance}`,
          actorRole: null,
          fromStage: null,
          toStage: null,
          payload: { message: row.id, instance: report.instance, providerId: report.providerId, status: report.status, ...(report.error ? { error: report.error } : {}), at: at.toISOString() },
          at: now,
        });
      }
    }
    await writes.run(manager, { commit: true });
    return changing;
  });
  for (const row of moved) {
    if (!row.dealId || next === "sent") continue;
    await deliverIfAwaited(ctx, row.dealId, `${report.instance}.${next}`, { message: row.id, element: row.elementId, template: row.template }, { actor: `connector:${report.instance}`, keepUnmatched: false });
  }
  return moved.length;
}
