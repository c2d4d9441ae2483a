import { randomUUID } from "node:crypto";
import type { Route, UserTaskNode } from "../core/route.ts";
import type { Effect } from "../core/types.ts";
import { Entities, pendingDelivery, type DealRow, type OutboxRow, type StageHistoryRow, type TaskRow, type TimerRow, type Writes } from "../store/index.ts";
import type { CommandAudit } from "./command.ts";
import { renderTask } from "./task-template.ts";
import { cancelTokenTaskTimers } from "./task-timing.ts";

/**
 * Queues the writes the core's effects cause on the task, timer, outbox and stage history tables, in effect
 * order (they run with the rest of the command, in its transaction); returns the task rows it creates.
 */
export function queueEffects(writes: Writes, deal: DealRow, route: Route, effects: Effect[], audit: CommandAudit, now: Date): TaskRow[] {
  const created: TaskRow[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case "task.create":
        created.push(newTask(deal, route, effect, now));
        writes.insert<TaskRow>(Entities.Task, created.at(-1)!);
        break;
      case "task.cancel":
        cancelTokenTaskTimers(writes, deal.id, effect.token);
        writes.update<TaskRow>(Entities.Task, { dealId: deal.id, token: effect.token, status: "open" }, { status: "cancelled", completedAt: now });
        break;
      case "timer.schedule":
        writes.insert<TimerRow>(Entities.Timer, {
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
          taskId: null,
        });
        break;
      case "timer.cancel":
        writes.update<TimerRow>(Entities.Timer, { dealId: deal.id, token: effect.token, timer: effect.timer, status: "pending" }, { status: "cancelled" });
        break;
      case "message.send":
        writes.insert<OutboxRow>(Entities.Outbox, outboxRow(deal, effect, now));
        break;
      case "stage.change":
        changeStage(writes, deal, effect, audit, now);
        queueStagePush(writes, deal, effect, now);
        break;
      case "deal.end":
        closeLeftovers(writes, deal, now);
        break;
    }
  }
  return created;
}

function newTask(deal: DealRow, route: Route, effect: Extract<Effect, { type: "task.create" }>, now: Date): TaskRow {
  const node = route.nodes[effect.element] as UserTaskNode | undefined;
  const values = { ...deal.data, ...deal.snapshot.vars, ...effect.context, deal: deal.data, order: deal.data, vars: deal.snapshot.vars ?? {} };
  const rendered = renderTask(node?.template, node?.name ?? effect.element, values);
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
    // timing: set by timeCreatedTasks before the writes run
    dueAt: null,
    visibleFrom: null,
    almostDueAt: null,
    checklist: rendered.checklist,
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
    // the deal's version before this command: a loop passing the same send task again writes a new message
    idempotencyKey: `${deal.id}:${deal.version}:${effect.token}:${effect.element}`,
    audience: "customer",
    ...pendingDelivery(now),
  };
}

/**
 * A deal that came in through a storefront connector (`data.source.instance`, unless `source.push` is false) tells it each stage it enters:
 * an outbox row for the instance's `stage.push` action, retried like any message.
 */
function queueStagePush(writes: Writes, deal: DealRow, effect: Extract<Effect, { type: "stage.change" }>, now: Date): void {
  const source = deal.data?.source as { instance?: unknown; push?: unknown } | undefined;
  if (typeof source?.instance !== "string" || source.push === false) return;
  writes.insert<OutboxRow>(Entities.Outbox, {
    dealId: deal.id,
    token: null,
    elementId: null,
    connector: source.instance,
    action: "stage.push",
    template: null,
    payload: { dealId: deal.id, externalId: deal.externalId, stage: effect.to, kind: effect.kind, from: effect.from ?? null, at: effect.at ?? now.toISOString() },
    idempotencyKey: `${deal.id}:${deal.version}:stage:${effect.to}`,
    audience: "system",
    ...pendingDelivery(now),
  });
}

/**
 * Closes the open stage history rows and opens one for the new stage; a failure record names reason, role
 * and user on the rows of the failed stage (every open row when the failure names no stage).
 */
function changeStage(writes: Writes, deal: DealRow, effect: Extract<Effect, { type: "stage.change" }>, audit: CommandAudit, now: Date): void {
  const at = effect.at ? new Date(effect.at) : now;
  const failure = effect.failure;
  const open = { dealId: deal.id, leftAt: null };
  if (failure) {
    const failed = { leftAt: at, outcome: "failure", reason: failure.reason, role: failure.role ?? null, userId: failure.user ?? null };
    writes.update<StageHistoryRow>(Entities.StageHistory, failure.stage ? { ...open, stage: failure.stage } : open, failed);
  }
  if (!failure || failure.stage) {
    const left = { leftAt: at, outcome: audit.outcome ?? null, role: audit.actorRole ?? null, userId: audit.userId ?? null };
    writes.update<StageHistoryRow>(Entities.StageHistory, open, left);
  }
  const lost = effect.kind === "lost" && failure;
  writes.insert<StageHistoryRow>(Entities.StageHistory, {
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
  });
}

/** When a deal ends, nothing of it may stay open or pending. */
function closeLeftovers(writes: Writes, deal: DealRow, now: Date): void {
  writes.update<TaskRow>(Entities.Task, { dealId: deal.id, status: "open" }, { status: "cancelled", completedAt: now });
  writes.update<TimerRow>(Entities.Timer, { dealId: deal.id, status: "pending" }, { status: "cancelled" });
}
