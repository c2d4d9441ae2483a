/**
 * A new task's timing (due, visibility, almost overdue) from its template, the deal data and the store's
 * working calendar, set on the task rows a command queued before its writes run, with the task's own
 * durable timers (`task.visible`, `task.almost_due`, `task.overdue`) queued on the same writes.
 */
import type { EntityManager } from "typeorm";
import type { Route, UserTaskNode } from "../core/route.ts";
import { taskTiming } from "../core/schedule/index.ts";
import type { Effect } from "../core/types.ts";
import { Entities, subselect, type DealRow, type TaskRow, type TimerRow, type Writes } from "../store/index.ts";
import { engineProblem } from "./engine-problem.ts";
import { storeCalendar } from "./store-calendars.ts";

/** The names of a task's own timers (rows with `taskId` set). */
export const TASK_TIMERS = ["task.visible", "task.almost_due", "task.overdue", "task.reminder"] as const;

/** One of a task's own timers. */
export type TaskTimerName = (typeof TASK_TIMERS)[number];

/**
 * Computes the timing of each task the command creates (the store's calendar from a per-process cache: no
 * round trip when warm), sets `dueAt`, `visibleFrom` and `almostDueAt` on the queued rows and queues their
 * timers; Problem 422 when a deadline or slot expression gives no date.
 */
export async function timeCreatedTasks(manager: EntityManager, writes: Writes, deal: DealRow, route: Route, effects: readonly Effect[], tasks: readonly TaskRow[], now: Date): Promise<void> {
  if (tasks.length === 0) return;
  const calendar = await storeCalendar(manager, deal.store);
  for (const task of tasks) {
    const node = route.nodes[task.elementId] as UserTaskNode | undefined;
    if (!node?.template) continue;
    const effect = effects.find((e) => e.type === "task.create" && e.token === task.token);
    const context = effect?.type === "task.create" ? effect.context : undefined;
    let timing;
    try {
      timing = taskTiming(node.template, { ...deal.data, ...deal.snapshot.vars, ...context }, now, calendar, node.id);
    } catch (error) {
      throw engineProblem(error);
    }
    task.dueAt = timing.dueAt ?? null;
    task.visibleFrom = timing.visibleFrom ?? null;
    task.almostDueAt = timing.almostDueAt ?? null;
    if (timing.visibleFrom) writes.insert<TimerRow>(Entities.Timer, taskTimerRow(deal, task, "task.visible", timing.visibleFrom));
    if (timing.almostDueAt) writes.insert<TimerRow>(Entities.Timer, taskTimerRow(deal, task, "task.almost_due", timing.almostDueAt));
    if (timing.dueAt) writes.insert<TimerRow>(Entities.Timer, taskTimerRow(deal, task, "task.overdue", timing.dueAt));
  }
}

/** A pending timer row of a task (token and element of the task, `taskId` set). */
export function taskTimerRow(deal: Pick<DealRow, "id" | "routeVersionId">, task: Pick<TaskRow, "id" | "token" | "elementId">, timer: TaskTimerName, dueAt: Date): Omit<TimerRow, "id"> {
  return {
    dealId: deal.id,
    routeVersionId: deal.routeVersionId,
    token: task.token,
    timer,
    elementId: task.elementId,
    dueAt,
    status: "pending",
    claimedBy: null,
    claimedAt: null,
    firedAt: null,
    taskId: task.id,
  };
}

/** Queues cancelling the pending timers of a task that is being completed. */
export function cancelTaskTimers(writes: Writes, taskId: string): Writes {
  return writes.update<TimerRow>(Entities.Timer, { taskId, status: "pending" }, { status: "cancelled" });
}

/**
 * Queues cancelling the pending timers of the open task of `token` (a `task.cancel` effect names no task
 * id); queue it before the task row itself is cancelled.
 */
export function cancelTokenTaskTimers(writes: Writes, dealId: string, token: string): Writes {
  const taskId = subselect<TaskRow>(Entities.Task, "id", { dealId, token, status: "open" });
  return writes.update<TimerRow>(Entities.Timer, { dealId, taskId, status: "pending" } as unknown as Partial<TimerRow>, { status: "cancelled" });
}
