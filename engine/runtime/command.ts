/**
 * The command runner: one command (start a deal, complete a task, deliver a message, fire a timer) is one
 * transaction in which the deal row is locked, the core's `transition` runs, and the new snapshot, every
 * effect, the stage history and one audit entry are written — all or nothing.
 *
 * Lifecycle: `lockDeal` (FOR UPDATE on MySQL) → `advance` (transition → the deal update with the optimistic
 * version check, the effects' writes, the new tasks' automatic assignees and notifications and the audit row, queued and sent together
 * → 409 if the version moved).
 */
import type { EntityManager } from "typeorm";
import { transition } from "../core/index.ts";
import type { EngineEvent, Effect, FailureRecord } from "../core/types.ts";
import { Problem } from "../problem.ts";
import { Entities, selectRows, Writes, type AuditRow, type DealRow, type TaskRow } from "../store/index.ts";
import type { RuntimeContext } from "./context.ts";
import { engineProblem } from "./engine-problem.ts";
import { assignCreatedTasks } from "./assignment.ts";
import { queueEffects } from "./effects.ts";
import { timeCreatedTasks } from "./task-timing.ts";
import { withStoredTemplates } from "./stored-templates.ts";
import { queueTaskNotices } from "./notifications/task-notices.ts";

/** Who runs a command and how the audit log names it. */
export interface CommandAudit {
  action: string;
  actorUser?: string | null;
  actorRole?: string | null;
  /** User id, written on stage history rows. */
  userId?: string | null;
  taskId?: string | null;
  /** Outcome that moved the deal out of its stage (a task's outcome), for the stage history. */
  outcome?: string | null;
  payload?: unknown;
}

/** Reads a deal row and locks it for the rest of the transaction; Problem 404 when unknown. */
export async function lockDeal(manager: EntityManager, id: string): Promise<DealRow> {
  const [deal] = await selectRows<DealRow>(manager, Entities.Deal, { id }, true);
  if (!deal) throw new Problem(404, "Deal not found", `No deal ${id}.`);
  return deal;
}

/** Options of `advance`. */
export interface AdvanceOptions {
  /** The deal row does not exist yet (deal.start): it is inserted instead of updated. */
  isNew?: boolean;
  /** Writes the caller queued already (e.g. closing the completed task); they run first, in the same batch. */
  writes?: Writes;
  /**
   * Nothing follows in the transaction, and every row the writes' conditions check is locked by it (the
   * deal; a completed task): on MySQL the COMMIT goes with the writes.
   */
  commit?: boolean;
  /** Leave the queued writes to the caller (several deals started in one batch run them together). */
  defer?: boolean;
}

/** Runs one event on a deal inside the caller's transaction and writes everything it causes. */
export async function advance(
  ctx: RuntimeContext,
  manager: EntityManager,
  deal: DealRow,
  event: EngineEvent,
  audit: CommandAudit,
  { isNew = false, writes = new Writes(), commit = false, defer = false }: AdvanceOptions = {},
): Promise<{ deal: DealRow; effects: Effect[]; created: TaskRow[] }> {
  const { route } = await ctx.version(manager, deal.routeVersionId);
  const now = ctx.now();
  let result;
  try {
    result = transition(route, isNew ? undefined : deal.snapshot, event, now, deal.data);
  } catch (error) {
    throw engineProblem(error);
  }
  const next = dealAfter(deal, result.snapshot, result.effects, now, isNew);
  if (isNew) writes.insert<DealRow>(Entities.Deal, next);
  else queueDealUpdate(writes, next, deal.version);
  const taskRoute = await withStoredTemplates(manager, route, result.effects.flatMap((e) => (e.type === "task.create" ? [e.element] : [])));
  const created = queueEffects(writes, next, taskRoute, result.effects, audit, now);
  await timeCreatedTasks(manager, writes, next, taskRoute, result.effects, created, now);
  await assignCreatedTasks(manager, taskRoute, created);
  await queueTaskNotices(manager, writes, created, now, taskRoute);
  writes.insert<AuditRow>(Entities.Audit, {
    dealId: next.id,
    taskId: audit.taskId ?? null,
    action: audit.action,
    actorUser: audit.actorUser ?? null,
    actorRole: audit.actorRole ?? null,
    fromStage: isNew ? null : deal.stage,
    toStage: next.stage,
    payload: audit.payload ?? null,
    at: now,
  });
  if (!defer) await writes.run(manager, { commit });
  return { deal: next, effects: result.effects, created };
}

/** Writes a deal's changing columns if its version is still `expectedVersion` (and bumps it); Problem 409 otherwise. */
export async function saveDeal(manager: EntityManager, next: DealRow, expectedVersion: number): Promise<void> {
  await queueDealUpdate(new Writes(), next, expectedVersion).run(manager);
}

function queueDealUpdate(writes: Writes, next: DealRow, expectedVersion: number): Writes {
  const changed: Partial<DealRow> = {
    snapshot: next.snapshot,
    status: next.status,
    outcome: next.outcome,
    stage: next.stage,
    lostReason: next.lostReason,
    lostRole: next.lostRole,
    lostStage: next.lostStage,
    updatedAt: next.updatedAt,
    endedAt: next.endedAt,
    version: expectedVersion + 1,
  };
  return writes.update<DealRow>(
    Entities.Deal,
    { id: next.id, version: expectedVersion },
    changed,
    () => new Problem(409, "Deal changed meanwhile", `Deal ${next.id} was changed by another command; reload it and try again.`),
  );
}

function dealAfter(deal: DealRow, snapshot: DealRow["snapshot"], effects: Effect[], now: Date, isNew: boolean): DealRow {
  const ended = effects.find((effect) => effect.type === "deal.end");
  const failure: FailureRecord | undefined = snapshot.failure ?? (ended?.type === "deal.end" ? ended.failure : undefined);
  return {
    ...deal,
    snapshot,
    status: snapshot.status,
    outcome: snapshot.outcome ?? null,
    stage: snapshot.stage ?? deal.stage,
    lostReason: failure?.reason ?? deal.lostReason,
    lostRole: failure?.role ?? deal.lostRole,
    lostStage: failure?.stage ?? deal.lostStage,
    updatedAt: now,
    endedAt: snapshot.status === "running" ? null : (deal.endedAt ?? now),
    version: isNew ? 0 : deal.version + 1,
  };
}
