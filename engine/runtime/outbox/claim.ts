/**
 * Claiming outbox messages: due pending ones, and "sending" ones whose claim lapsed (the process that took
 * them died between the send and the bookkeeping). A claim sets `next_attempt_at` to the end of the lease,
 * so one index range (status, next_attempt_at) finds both. FOR UPDATE SKIP LOCKED on MySQL lets several
 * engine processes share the work.
 */
import { Entities, forUpdate, inTransaction, type OutboxRow } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";

/** Claims up to `limit` messages due at `at` for this process; returns them as they were before the claim. */
export async function claimDue(ctx: RuntimeContext, at: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  return inTransaction(ctx.dataSource, async (manager) => {
    const repository = manager.getRepository<OutboxRow>(Entities.Outbox);
    const query = repository
      .createQueryBuilder("message")
      .where("message.status IN (:...statuses)", { statuses: ["pending", "sending"] })
      .andWhere("message.nextAttemptAt <= :at", { at })
      .orderBy("message.nextAttemptAt", "ASC")
      .limit(limit);
    const rows = await forUpdate(query, { skipLocked: true }).getMany();
    if (rows.length === 0) return [];
    const claimedAt = ctx.now();
    await repository
      .createQueryBuilder()
      .update()
      .set({ status: "sending", claimedBy: ctx.instanceId, claimedAt, nextAttemptAt: new Date(claimedAt.getTime() + leaseMs) })
      .whereInIds(rows.map((row) => row.id))
      .execute();
    return rows;
  });
}
