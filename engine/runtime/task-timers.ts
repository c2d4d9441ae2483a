/**
 * Firing a task's own timers (rows with `taskId`): `task.visible` tells the pool (or the assignee) that a
 * deferred task appeared, `task.almost_due` warns, `task.overdue` and each `task.reminder` tell the holder,
 * the observers and the team manager, and schedule the next reminder when the template has an interval.
 * One transaction per fire: the timer, the notifications, the next reminder and an audit entry. A timer
 * of a task that is no longer open is cancelled and raises nothing.
 */
import type { EntityManager } from "typeorm";
import type { UserTaskNode } from "../core/route.ts";
import { reminderSchedule } from "../core/schedule/index.ts";
import { Entities, selectRows, Writes, type AuditRow, type DealRow, type TaskRow, type TimerRow } from "../store/index.ts";
import type { RuntimeContext } from "./context.ts";
import { observerRecipients, queueNotifications, resolveRecipients, taskNotice, taskRecipients, type TaskNoticeKind } from "./notifications/index.ts";
import { storeCalendar } from "./store-calendars.ts";
import { taskTimerRow, type TaskTimerName } from "./task-timing.ts";
import { withStoredTemplates } from "./stored-templates.ts";

/** Fires one claimed, locked, pending task timer of a locked deal; false when its task is no longer open. */
export async function fireTaskTimer(ctx: RuntimeContext, manager: EntityManager, deal: DealRow, timer: TimerRow, at: Date): Promise<boolean> {
  const [task] = await selectRows<TaskRow>(manager, Entities.Task, { id: String(timer.taskId) }, true);
  const writes = new Writes();
  if (!task || task.status !== "open") {
    await writes.update<TimerRow>(Entities.Timer, { id: timer.id }, { status: "cancelled" }).run(manager);
    return false;
  }
  writes.update<TimerRow>(Entities.Timer, { id: timer.id }, { status: "fired", firedAt: at });
  const { route } = await ctx.version(manager, deal.routeVersionId);
  const template = ((await withStoredTemplates(manager, route, [task.elementId])).nodes[task.elementId] as UserTaskNode | undefined)?.template;
  const name = timer.timer as TaskTimerName;
  const kind = noticeKind(name, task);
  const observers = kind === "task.overdue" ? observerRecipients(template?.observers ?? [], task, route) : [];
  const recipients = await resolveRecipients(manager, taskRecipients(kind, task, { observers, route }));
  const notices = queueNotifications(manager, writes, recipients, taskNotice(kind, task), at);
  const next = await nextReminder(manager, name, task, template?.reminder, at);
  if (next) writes.insert<TimerRow>(Entities.Timer, taskTimerRow(deal, task, "task.reminder", next));
  writes.insert<AuditRow>(Entities.Audit, {
    dealId: deal.id,
    taskId: task.id,
    action: name,
    actorUser: null,
    actorRole: "system",
    fromStage: deal.stage,
    toStage: deal.stage,
    payload: { task: task.id, element: task.elementId, dueAt: new Date(timer.dueAt).toISOString(), notified: notices.length, ...(next ? { nextReminder: next.toISOString() } : {}) },
    at,
  });
  await writes.run(manager);
  return true;
}

function noticeKind(name: TaskTimerName, task: TaskRow): TaskNoticeKind {
  switch (name) {
    case "task.visible":
      return task.assignee ? "task.assigned" : "task.created";
    case "task.almost_due":
      return "task.almost_due";
    case "task.overdue":
    case "task.reminder":
      return "task.overdue";
  }
}

/** After the overdue notice or a reminder: the next reminder (working time of the store), if the template repeats. */
async function nextReminder(manager: EntityManager, name: TaskTimerName, task: TaskRow, interval: string | undefined, at: Date): Promise<Date | undefined> {
  if ((name !== "task.overdue" && name !== "task.reminder") || !interval || !task.dueAt) return undefined;
  try {
    return reminderSchedule(new Date(task.dueAt), interval, at, await storeCalendar(manager, task.store));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
