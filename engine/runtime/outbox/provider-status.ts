/**
 * Delivery reports from providers (status callbacks, SMPP receipts): the message found by its instance and
 * the provider's id moves on (never back: a late "sent" does not undo "delivered"), the deal's timeline
 * gets an entry, and a deal waiting for `<instance>.<status>` is told.
 */
import type { DeliveryStatus } from "../../../connectors/sdk/index.ts";
import { Entities, inTransaction, insertRow, Writes, type AuditRow, type DeliveryReportRow, type OutboxRow, type OutboxStatus } from "../../store/index.ts";
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

/**
 * Applies a report; returns how many messages it moved (0 for a stale report). A report about an id no
 * message has yet is kept (`delivery_reports`) and applied once the dispatcher records that id.
 */
export async function applyProviderStatus(ctx: RuntimeContext, report: ProviderStatus): Promise<number> {
  if (typeof report.providerId !== "string" || report.providerId === "") return 0;
  const next = outboxStatusOf(report.status);
  const moved = await inTransaction(ctx.dataSource, async (manager) => {
    const rows = await manager.getRepository<OutboxRow>(Entities.Outbox).findBy({ connector: report.instance, providerId: report.providerId });
    if (rows.length === 0) {
      await insertRow<DeliveryReportRow>(manager, Entities.DeliveryReport, { instance: report.instance, providerId: report.providerId, status: report.status, error: report.error ?? null, reportedAt: report.at ?? null, receivedAt: ctx.now() });
      return [];
    }
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

/** Applies the kept reports about messages that now have their provider id (after a batch was recorded), then forgets them. */
export async function applyEarlyReports(ctx: RuntimeContext, sent: { instance: string; providerId: string }[]): Promise<number> {
  if (sent.length === 0) return 0;
  const repository = ctx.dataSource.getRepository<DeliveryReportRow>(Entities.DeliveryReport);
  if ((await repository.count()) === 0) return 0;
  const reports = await repository
    .createQueryBuilder("report")
    .where("report.providerId IN (:...ids)", { ids: [...new Set(sent.map((s) => s.providerId))] })
    .orderBy("report.id", "ASC")
    .getMany();
  const wanted = new Set(sent.map((s) => `${s.instance}\u0000${s.providerId}`));
  let applied = 0;
  for (const report of reports.filter((r) => wanted.has(`${r.instance}\u0000${r.providerId}`))) {
    applied += await applyProviderStatus(ctx, { instance: report.instance, providerId: report.providerId, status: report.status as DeliveryStatus, ...(report.error ? { error: report.error } : {}), ...(report.reportedAt ? { at: report.reportedAt } : {}) });
    await repository.delete({ id: report.id });
  }
  return applied;
}
