/**
 * Bookkeeping of a batch of attempts in one transaction: each row's new state (only while this process
 * still holds its claim) and one timeline entry per message of a deal.
 */
import { Entities, inTransaction, Writes, type AuditRow, type OutboxRow } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";
import { auditAction, auditPayload, rowChanges, type Outcome } from "./outcome.ts";

/** Writes the outcomes of a batch. */
export async function recordOutcomes(ctx: RuntimeContext, results: { row: OutboxRow; outcome: Outcome }[], now: Date): Promise<void> {
  if (results.length === 0) return;
  const writes = new Writes();
  for (const { row, outcome } of results) {
    writes.update<OutboxRow>(Entities.Outbox, { id: row.id, claimedBy: ctx.instanceId }, rowChanges(row, outcome, now));
  }
  for (const { row, outcome } of results) {
    if (!row.dealId) continue;
    writes.insert<AuditRow>(Entities.Audit, {
      dealId: row.dealId,
      taskId: null,
      action: auditAction(outcome),
      actorUser: `connector:${row.connector}`,
      actorRole: null,
      fromStage: null,
      toStage: null,
      payload: auditPayload(row, outcome),
      at: now,
    });
  }
  await inTransaction(ctx.dataSource, (manager) => writes.run(manager, { commit: true }));
}
