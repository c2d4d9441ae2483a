/**
 * What the runtime raises about tasks: who hears about a task event and what the notification says. The
 * effects and timers code call `notify(manager, taskRecipients(…), taskNotice(…), now)` in the command's
 * transaction.
 */
import type { EntityManager } from "typeorm";
import type { Route } from "../../core/route.ts";
import type { TaskRow, Writes } from "../../store/index.ts";
import { isStoreScoped } from "../access.ts";
import { cachedRecipients } from "./directory.ts";
import { notify, queueNotifications } from "./notify.ts";
import type { NotificationInput, NotificationKind, NotificationView, Recipient } from "./types.ts";

/** The task fields a notice needs. */
export type TaskLike = Pick<TaskRow, "id" | "dealId" | "title" | "role" | "store" | "stage" | "dueAt"> & {
  assignee?: string | null;
  visibleFrom?: Date | null;
};

/** Task events that raise notifications. */
export type TaskNoticeKind = Exclude<NotificationKind, "mention">;

/** Extra people to tell, beyond the defaults of the kind. */
export interface NoticeAudience {
  /** Observers of the task (roles in the task's store, or users). */
  observers?: readonly Recipient[];
  /** The user the task was taken from (reassignment). */
  previousAssignee?: string | null;
  /** The route, to know whether the task's role is store-scoped. */
  route?: Route;
}

/**
 * The hot-path hook for new tasks, called inside the command before its writes run: each task that is
 * visible now raises `task.assigned` to its assignee, or `task.created` to its role pool, queued on the
 * command's `writes` (recipients from a short-lived cache: no round trip in the steady state). A deferred
 * task raises nothing here: whatever reveals it should call `notifyTask(…, "task.created", …)` then.
 */
export async function queueTaskNotices(manager: EntityManager, writes: Writes, tasks: readonly TaskLike[], now: Date, route?: Route): Promise<NotificationView[]> {
  const views: NotificationView[] = [];
  for (const task of tasks) {
    if (task.visibleFrom && new Date(task.visibleFrom).getTime() > now.getTime()) continue;
    const kind = task.assignee ? "task.assigned" : "task.created";
    const recipients = await cachedRecipients(manager, taskRecipients(kind, task, route ? { route } : {}));
    views.push(...queueNotifications(manager, writes, recipients, taskNotice(kind, task), now));
  }
  return views;
}

/** Raises one task event now, in the manager's transaction (timers: overdue, almost due; claims: reassigned). */
export function notifyTask(manager: EntityManager, kind: TaskNoticeKind, task: TaskLike, now: Date, audience: NoticeAudience = {}): Promise<NotificationView[]> {
  return notify(manager, taskRecipients(kind, task, audience), taskNotice(kind, task), now);
}

/**
 * Who hears about a task event: created → its role pool (in the deal's store for store-scoped roles);
 * assigned / reassigned → the new assignee (and the previous one on reassignment); almost due → the
 * assignee or, unclaimed, the pool; overdue → the same plus the observers and the manager of the assignee's
 * team (unclaimed: the managers of the pool members' teams).
 */
export function taskRecipients(kind: TaskNoticeKind, task: TaskLike, audience: NoticeAudience = {}): Recipient[] {
  const pool: Recipient[] = task.role ? [{ kind: "role", role: task.role, store: isStoreScoped(task.role, audience.route) ? task.store : null }] : [];
  const holder: Recipient[] = task.assignee ? [{ kind: "user", userId: task.assignee }] : pool;
  switch (kind) {
    case "task.created":
      return pool;
    case "task.assigned":
      return task.assignee ? [{ kind: "user", userId: task.assignee }] : [];
    case "task.reassigned":
      return [...(task.assignee ? [{ kind: "user", userId: task.assignee } as const] : []), ...(audience.previousAssignee ? [{ kind: "user", userId: audience.previousAssignee } as const] : [])];
    case "task.almost_due":
      return holder;
    case "task.overdue":
      return [...holder, ...(audience.observers ?? []), ...answerable(task, pool)];
  }
}

/**
 * A task template's observers as recipients: `user:<id>` names a user, anything else a role (in the task's
 * store when the role is store-scoped).
 */
export function observerRecipients(observers: readonly string[], task: Pick<TaskLike, "store">, route?: Route): Recipient[] {
  return observers.map((observer) =>
    observer.startsWith("user:")
      ? { kind: "user", userId: observer.slice("user:".length) }
      : { kind: "role", role: observer, store: isStoreScoped(observer, route) ? task.store : null },
  );
}

/**
 * The notification text and links for a task event; the payload carries the plain task title (`taskTitle`)
 * beside the title with its English prefix, so message templates can word the event in any language.
 */
export function taskNotice(kind: TaskNoticeKind, task: TaskLike): NotificationInput {
  return {
    kind,
    title: `${TITLES[kind]}: ${task.title}`,
    body: task.dueAt ? `Due ${new Date(task.dueAt).toISOString()}` : null,
    dealId: task.dealId,
    taskId: task.id,
    payload: {
      taskTitle: task.title,
      role: task.role,
      store: task.store,
      stage: task.stage,
      dueAt: task.dueAt ? new Date(task.dueAt).toISOString() : null,
      assignee: task.assignee ?? null,
    },
  };
}

const TITLES: Record<TaskNoticeKind, string> = {
  "task.created": "New task",
  "task.assigned": "Task assigned to you",
  "task.reassigned": "Task reassigned",
  "task.almost_due": "Task almost due",
  "task.overdue": "Task overdue",
};

/** The managers who answer for a task: of its assignee's team, or (unclaimed) of its pool members' teams. */
function answerable(task: TaskLike, pool: Recipient[]): Recipient[] {
  if (task.assignee) return [{ kind: "managerOf", userId: task.assignee }];
  return pool.flatMap((p) => (p.kind === "role" ? [{ kind: "poolManagers", role: p.role, store: p.store ?? null } as const] : []));
}
