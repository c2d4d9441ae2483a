import type { EntityManager } from "typeorm";
import { nextStartTimers } from "../core/index.ts";
import { Problem } from "../problem.ts";
import { Entities, forUpdate, inTransaction, insertRow, updateRows, type RouteVersionRow, type TimerRow } from "../store/index.ts";
import { advance, lockDeal } from "./command.ts";
import type { RuntimeContext } from "./context.ts";
import { startDeal } from "./deal-start.ts";
import { startTimerRow } from "./routes.service.ts";
import { fireTaskTimer } from "./task-timers.ts";

/** How many due timers one claim takes. */
const BATCH = 100;
/** Upper bound of claims per call, so that one tick always ends. */
const MAX_BATCHES = 50;
/** Backoff after a timer's first failed attempt; doubles with each further one. */
const FIRST_BACKOFF_MS = 1_000;
/** Longest backoff between two attempts of a failing timer. */
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Durable timers: `fireDue` claims due pending timers (FOR UPDATE SKIP LOCKED on MySQL, so several engine
 * processes share the work) and fires each one in its own command transaction, exactly once. A timer whose
 * firing fails (an error other than a Problem) is recorded (attempts, last error) and backed off; the others
 * go on.
 */
export function timersService(ctx: RuntimeContext) {
  return {
    /** Fires every timer due at `now` (default: the clock, read afresh for each batch); returns how many fired. */
    async fireDue(now?: Date): Promise<number> {
      let fired = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const at = now ?? ctx.now();
        const claimed = await claim(ctx, at);
        for (const timer of claimed) if (await fireOrBackOff(ctx, timer, at)) fired++;
        if (claimed.length < BATCH) break;
      }
      return fired;
    },
  };
}

/** Claims up to a batch of timers due at `at`, stamped with this process and the time of the claim. */
async function claim(ctx: RuntimeContext, at: Date): Promise<TimerRow[]> {
  return inTransaction(ctx.dataSource, async (manager) => {
    const claimedAt = ctx.now();
    const stale = new Date(claimedAt.getTime() - ctx.claimLeaseMs);
    const query = manager
      .getRepository<TimerRow>(Entities.Timer)
      .createQueryBuilder("timer")
      .where("timer.status = :pending", { pending: "pending" })
      .andWhere("timer.dueAt <= :at", { at })
      .andWhere("(timer.claimedAt IS NULL OR timer.claimedAt < :stale)", { stale })
      .orderBy("timer.dueAt", "ASC")
      .limit(BATCH);
    const timers = await forUpdate(query, { skipLocked: true }).getMany();
    if (timers.length === 0) return [];
    await manager
      .getRepository<TimerRow>(Entities.Timer)
      .createQueryBuilder()
      .update()
      .set({ claimedBy: ctx.instanceId, claimedAt })
      .whereInIds(timers.map((timer) => timer.id))
      .execute();
    return timers;
  });
}

/** Fires one claimed timer; on an unexpected error records it and holds the claim for a backoff instead of failing the batch. */
async function fireOrBackOff(ctx: RuntimeContext, timer: TimerRow, at: Date): Promise<boolean> {
  try {
    return await fireOne(ctx, timer, at);
  } catch (error) {
    await backOff(ctx, timer, error);
    return false;
  }
}

/** Counts the failed attempt, keeps its error, and sets the claim so that its lease lapses when the backoff ends. */
async function backOff(ctx: RuntimeContext, timer: TimerRow, error: unknown): Promise<void> {
  const attempts = (timer.attempts ?? 0) + 1;
  const backoffMs = Math.min(FIRST_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
  const retryAt = ctx.now().getTime() + backoffMs;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await inTransaction(ctx.dataSource, (manager) =>
    updateRows<TimerRow>(manager, Entities.Timer, { id: timer.id, status: "pending" }, {
      attempts,
      lastError: message.slice(0, 2000),
      claimedBy: ctx.instanceId,
      claimedAt: new Date(retryAt - ctx.claimLeaseMs),
    }),
  );
}

/** Fires one claimed timer; false when someone else fired or cancelled it meanwhile. */
async function fireOne(ctx: RuntimeContext, claimed: TimerRow, at: Date): Promise<boolean> {
  return inTransaction(ctx.dataSource, async (manager) => {
    const deal = claimed.dealId ? await lockDeal(manager, claimed.dealId).catch(notFoundAsUndefined) : undefined;
    const timer = await lockTimer(manager, claimed.id);
    if (!timer || timer.status !== "pending") return false;
    if (claimed.dealId && !deal) return markTimer(manager, timer, "cancelled", at);
    if (timer.taskId && deal) return fireTaskTimer(ctx, manager, deal, timer, at);
    await markTimer(manager, timer, "fired", at);
    if (!deal) return fireStartTimer(ctx, manager, timer, at);
    try {
      await advance(ctx, manager, deal, { type: "timer.fire", token: timer.token, timer: timer.timer }, {
        action: "timer.fired",
        actorRole: "system",
        payload: { timer: timer.timer, element: timer.elementId, dueAt: new Date(timer.dueAt).toISOString() },
      });
    } catch (error) {
      // the deal no longer waits for this timer: it is spent, nothing else changes
      if (!(error instanceof Problem)) throw error;
      await updateRows<TimerRow>(manager, Entities.Timer, { id: timer.id }, { status: "cancelled" });
    }
    return true;
  });
}

/** A route-level timer start event: starts a deal on that version and schedules the cycle's next occurrence. */
async function fireStartTimer(ctx: RuntimeContext, manager: EntityManager, timer: TimerRow, at: Date): Promise<boolean> {
  const version = await manager.getRepository<RouteVersionRow>(Entities.RouteVersion).findOneByOrFail({ id: timer.routeVersionId });
  await startDeal(
    ctx,
    manager,
    version,
    { externalId: `timer:${version.routeKey}:${timer.id}`, store: null, city: null, customerPhone: null },
    {},
    { action: "deal.started", actorRole: "system", payload: { timer: timer.elementId, dueAt: new Date(timer.dueAt).toISOString() } },
    timer.elementId,
  );
  const node = version.compiled.nodes[timer.elementId];
  const cycle = node?.type === "startEvent" && node.trigger.kind === "timer" && node.trigger.timer.kind === "cycle";
  const next = cycle ? nextStartTimers(version.compiled, at).find((t) => t.element === timer.elementId) : undefined;
  if (next && new Date(next.dueAt) > new Date(timer.dueAt)) {
    await insertRow<TimerRow>(manager, Entities.Timer, startTimerRow(version.id, timer.elementId, new Date(next.dueAt)));
  }
  return true;
}

async function lockTimer(manager: EntityManager, id: number): Promise<TimerRow | null> {
  const query = manager.getRepository<TimerRow>(Entities.Timer).createQueryBuilder("timer").where("timer.id = :id", { id });
  return forUpdate(query).getOne();
}

async function markTimer(manager: EntityManager, timer: TimerRow, status: "fired" | "cancelled", at: Date): Promise<boolean> {
  await updateRows<TimerRow>(manager, Entities.Timer, { id: timer.id }, { status, firedAt: status === "fired" ? at : null });
  return status === "fired";
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof Problem && error.status === 404) return undefined;
  throw error;
}
