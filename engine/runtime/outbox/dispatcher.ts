/**
 * The outbox dispatcher: claims due messages in batches, attempts them concurrently, records the outcomes
 * in one transaction per batch, then tells deals that wait for a delivery status (`<instance>.delivered`,
 * `<instance>.bounced`, `<instance>.failed`). A crash between a send and its bookkeeping leaves the row
 * "sending"; its lease lapses and it is sent again with the same idempotency key.
 */
import { Entities, type DealRow, type OutboxRow } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";
import { deliverIfAwaited } from "../messages/system-delivery.ts";
import { attempt, type AttemptDeps } from "./attempt.ts";
import { claimDue } from "./claim.ts";
import { statusMessage, type Outcome } from "./outcome.ts";
import { applyEarlyReports } from "./provider-status.ts";
import { recordOutcomes } from "./record.ts";

/** Sizes of the dispatcher's work. */
export interface DispatchLimits {
  /** Messages claimed at once (default 200). */
  batch: number;
  /** Attempts running at the same time (default 32). */
  concurrency: number;
  /** How long a claim holds before another process may take the message over (default 60 s). */
  leaseMs: number;
  /** Batches per call and lane, so that one call always ends (default 50). */
  maxBatches: number;
  /** Batches in flight at once: while one lane does its bookkeeping, the other sends (default 2). */
  lanes: number;
}

/** The default sizes. */
export const DEFAULT_LIMITS: DispatchLimits = { batch: 200, concurrency: 32, leaseMs: 60_000, maxBatches: 50, lanes: 2 };

/** Dispatches every message due at `now` (default: the clock, read per batch); returns how many were attempted. */
export async function dispatchDue(ctx: RuntimeContext, deps: AttemptDeps, limits: DispatchLimits, now?: Date): Promise<number> {
  // each lane claims its own batches (claims are row-locked or serialised, so no message is taken twice)
  const lanes = await Promise.all(Array.from({ length: Math.max(1, limits.lanes) }, () => dispatchLane(ctx, deps, limits, now)));
  return lanes.reduce((sum, n) => sum + n, 0);
}

async function dispatchLane(ctx: RuntimeContext, deps: AttemptDeps, limits: DispatchLimits, now?: Date): Promise<number> {
  let attempted = 0;
  for (let batch = 0; batch < limits.maxBatches; batch++) {
    const at = now ?? ctx.now();
    const rows = await claimDue(ctx, at, limits.batch, limits.leaseMs);
    if (rows.length === 0) break;
    const deals = await dealsOf(ctx, rows);
    const results = await mapLimited(rows, limits.concurrency, async (row) => ({ row, outcome: await attempt(row, deals.get(row.dealId ?? "") ?? null, at, deps) }));
    await recordOutcomes(ctx, results, ctx.now());
    await applyEarlyReports(ctx, results.flatMap(({ row, outcome }) => (outcome.kind === "sent" && outcome.providerId ? [{ instance: row.connector, providerId: outcome.providerId }] : [])));
    await tellDeals(ctx, results, deps);
    attempted += rows.length;
    if (rows.length < limits.batch) break;
  }
  return attempted;
}

async function dealsOf(ctx: RuntimeContext, rows: OutboxRow[]): Promise<Map<string, DealRow>> {
  const ids = [...new Set(rows.flatMap((row) => (row.dealId ? [row.dealId] : [])))];
  if (ids.length === 0) return new Map();
  const deals = await ctx.dataSource.getRepository<DealRow>(Entities.Deal).createQueryBuilder("deal").where("deal.id IN (:...ids)", { ids }).getMany();
  return new Map(deals.map((deal) => [deal.id, deal]));
}

async function tellDeals(ctx: RuntimeContext, results: { row: OutboxRow; outcome: Outcome }[], deps: AttemptDeps): Promise<void> {
  for (const { row, outcome } of results) {
    const status = statusMessage(outcome);
    if (!status || !row.dealId) continue;
    await deliverIfAwaited(ctx, row.dealId, `${row.connector}.${status}`, { message: row.id, element: row.elementId, template: row.template }, { actor: `connector:${row.connector}`, keepUnmatched: false }).catch((error) =>
      deps.log.error({ err: error, message: row.id }, "cannot tell the deal about a delivery status"),
    );
  }
}

/** Maps with at most `limit` calls in flight, keeping the order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
