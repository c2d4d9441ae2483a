import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Route, UserTaskNode } from "../core/route.ts";
import type { Effect } from "../core/types.ts";
import { Entities, insertRows, updateRows, type DealRow, type OutboxRow, type StageHistoryRow, type TaskRow, type TimerRow } from "../store/index.ts";
import type { CommandAudit } from "./command.ts";
import { renderTask } from "./task-template.ts";

/**
 * Carries out the core's effects on the task, timer, outbox and stage history tables (inside the command's
 * transaction). Consecutive inserts are batched into one statement per table and flushed before any update,
 * so every update sees exactly the rows the effects before it created.
 */
export async function applyEffects(
  manager: EntityManager,
  deal: DealRow,
  route: Route,
  effects: Effect[],
  audit: CommandAudit,
  now: Date,
): Promise<void> {
  const inserts = new PendingInserts(manager);
  for (const effect of effects) {
    if (!INSERTS_ONLY.has(effect.type)) await inserts.flush();
    switch (effect.type) {
      case "task.create":
        inserts.add(Entities.Task, newTask(deal, route, effect, now));
        break;
      case "task.cancel":
        await updateRows<TaskRow>(manager, Entities.Task, { dealId: deal.id, token: effect.token, status: "open" }, { status: "cancelled", completedAt: now });
        break;
      case "timer.schedule":
        inserts.add(Entities.Timer, {
          dealId: deal.id,
          routeVersionId: deal.routeVersionId,
          token: effect.token,
          timer: effect.timer,
          elementId: effect.element,
          dueAt: new Date(effect.dueAt),
          status: "pending",
          claimedBy: null,
          claimedAt: null,
          firedAt: null,
        } satisfies Omit<TimerRow, "id">);
        break;
      case "timer.cancel":
        await updateRows<TimerRow>(manager, Entities.Timer, { dealId: deal.id, token: effect.token, timer: effect.timer, status: "pending" }, { status: "cancelled" });
        break;
      case "message.send":
        inserts.add(Entities.Outbox, outboxRow(deal, effect, now));
        break;
      case "stage.change":
        await changeStage(manager, inserts, deal, effect, audit, now);
        break;
      case "deal.end":
        await closeLeftovers(manager, deal, now);
        break;
    }
  }
  await inserts.flush();
}

/** Effects that only insert rows (their inserts may wait for the next update or the end). */
const INSERTS_ONLY = new Set<Effect["type"]>(["task.create", "timer.schedule", "message.send"]);

/** Rows waiting to be inserted, by entity, in one multi-row statement per entity. */
class PendingInserts {
  private readonly rows = new Map<string, object[]>();

  constructor(private readonly manager: EntityManager) {}

  add(entity: string, row: object): void {
    const list = this.rows.get(entity);
    if (list) list.push(row);
    else this.rows.set(entity, [row]);
  }

  async flush(): Promise<void> {
    for (const [entity, rows] of this.rows) await insertRows(this.manager, entity, rows);
    this.rows.clear();
  }
}

function newTask(deal: DealRow, route: Route, effect: Extract<Effect, { type: "task.create" }>, now: Date): TaskRow {
  const node = route.nodes[effect.element] as UserTaskNode | undefined;
  const values = { ...deal.data, ...deal.snapshot.vars, ...effect.context, deal: deal.data, order: deal.data, vars: deal.snapshot.vars ?? {} };
  const rendered = renderTask(node?.template, node?.name ?? effect.element, values, now);
  return {
    id: randomUUID(),
    dealId: deal.id,
    token: effect.token,
    elementId: effect.element,
    title: rendered.title,
    description: rendered.description,
    role: effect.role ?? null,
    store: deal.store,
    stage: effect.stage ?? deal.stage,
    status: "open",
    outcomes: effect.outcomes,
    outcome: null,
    reason: null,
    assignee: null,
    completedBy: null,
    createdAt: now,
    dueAt: rendered.dueAt,
    visibleFrom: rendered.visibleFrom,
    completedAt: null,
  };
}

function outboxRow(deal: DealRow, effect: Extract<Effect, { type: "message.send" }>, now: Date): Omit<OutboxRow, "id"> {
  return {
    dealId: deal.id,
    token: effect.token,
    elementId: effect.element,
    connector: effect.connector,
    action: effect.action,
    template: effect.template ?? null,
    payload: effect.input,
    idempotencyKey: `${deal.id}:${effect.token}:${effect.element}`,
    status: "pending",
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    claimedBy: null,
    claimedAt: null,
    createdAt: now,
    sentAt: null,
  };
}

/**
 * Closes the open stage history rows and opens one for the new stage; a failure record names reason, role
 * and user on the rows of the failed stage (every open row when the failure names no stage).
 */
async function changeStage(
  manager: EntityManager,
  inserts: PendingInserts,
  deal: DealRow,
  effect: Extract<Effect, { type: "stage.change" }>,
  audit: CommandAudit,
  now: Date,
): Promise<void> {
  const at = effect.at ? new Date(effect.at) : now;
  const failure = effect.failure;
  const open = { dealId: deal.id, leftAt: null };
  if (failure) {
    const failed = { leftAt: at, outcome: "failure", reason: failure.reason, role: failure.role ?? null, userId: failure.user ?? null };
    await updateRows<StageHistoryRow>(manager, Entities.StageHistory, failure.stage ? { ...open, stage: failure.stage } : open, failed);
  }
  if (!failure || failure.stage) {
    const left = { leftAt: at, outcome: audit.outcome ?? null, role: audit.actorRole ?? null, userId: audit.userId ?? null };
    await updateRows<StageHistoryRow>(manager, Entities.StageHistory, open, left);
  }
  const lost = effect.kind === "lost" && failure;
  inserts.add(Entities.StageHistory, {
    dealId: deal.id,
    routeKey: deal.routeKey,
    routeVersionId: deal.routeVersionId,
    stage: effect.to,
    stageKind: effect.kind,
    store: deal.store,
    enteredAt: at,
    leftAt: null,
    outcome: lost ? "lost" : null,
    reason: lost ? failure.reason : null,
    role: lost ? (failure.role ?? null) : null,
    userId: lost ? (failure.user ?? null) : null,
  } satisfies Omit<StageHistoryRow, "id">);
}

/** When a deal ends, nothing of it may stay open or pending. */
async function closeLeftovers(manager: EntityManager, deal: DealRow, now: Date): Promise<void> {
  await updateRows<TaskRow>(manager, Entities.Task, { dealId: deal.id, status: "open" }, { status: "cancelled", completedAt: now });
  await updateRows<TimerRow>(manager, Entities.Timer, { dealId: deal.id, status: "pending" }, { status: "cancelled" });
}
