import { Problem } from "../problem.ts";
import type { Route } from "../core/route.ts";
import type { SelectQueryBuilder } from "typeorm";
import { Entities, inTransaction, Writes, type TaskRow } from "../store/index.ts";
import { accessScope, actingRole, countTasks, restrictTasks, type AccessScope } from "./access.ts";
import { advance } from "./command.ts";
import type { RuntimeContext } from "./context.ts";
import type { Caller, DealView, ListQuery, Page, TaskView, TasksService } from "./contract.ts";
import { applyListQuery } from "./page.ts";
import { checkReason } from "./reasons.service.ts";
import { claimTask, lockTaskDeal, reassignTask, releaseTask } from "./task-claims.ts";
import { dealView, taskView } from "./views.ts";
import { hideDeferred, SEE_DEFERRED_ROLES, tickChecklist } from "./task-checklist.ts";
import { cancelTaskTimers } from "./task-timing.ts";

const TASK_FIELDS = {
  id: "id",
  status: "status",
  dealId: "dealId",
  role: "role",
  stage: "stage",
  store: "store",
  element: "elementId",
  assignee: "assignee",
  createdAt: "createdAt",
  dueAt: "dueAt",
  completedAt: "completedAt",
  title: "title",
};

/** Listing and completing tasks. */
export function tasksService(ctx: RuntimeContext): TasksService {
  return {
    async list(query: ListQuery, caller: Caller): Promise<Page<TaskView>> {
      const qb = ctx.dataSource.getRepository<TaskRow>(Entities.Task).createQueryBuilder("task");
      const scope = await accessScope(ctx.dataSource.manager, caller);
      const now = ctx.now();
      applyListQuery(qb, query, TASK_FIELDS, ["createdAt", "ASC"]);
      const visible = hideDeferred(qb.clone(), caller, now);
      const [rows, total] = await Promise.all([restrictTasks(visible, scope).getMany(), countVisible(qb, caller, scope, now)]);
      return { items: rows.map((row) => taskView(row, now)), total };
    },

    async get(id: string, caller: Caller): Promise<TaskView> {
      const qb = ctx.dataSource.getRepository<TaskRow>(Entities.Task).createQueryBuilder("task").where("task.id = :id", { id });
      const row = await restrictTasks(qb, await accessScope(ctx.dataSource.manager, caller)).getOne();
      if (!row) throw new Problem(404, "Task not found", `No task ${id} that you can see.`);
      return taskView(row, ctx.now());
    },

    async complete(id, input, caller): Promise<{ task: TaskView; deal: DealView; next: TaskView[] }> {
      if (!input || typeof input.outcome !== "string" || input.outcome === "") {
        throw new Problem(422, "Outcome required", "Say how the task ended.", [{ pointer: "/outcome", message: "An outcome is required." }]);
      }
      return inTransaction(ctx.dataSource, async (manager) => {
        const { task, deal } = await lockTaskDeal(manager, id);
        if (task.status !== "open") throw new Problem(409, "Task already done", `The task "${task.title}" is ${task.status}.`);
        const { route, version } = await ctx.version(manager, deal.routeVersionId);
        const role = actingRole(caller, task.role, deal.store, route);
        if (task.assignee && task.assignee !== caller.userId) {
          throw new Problem(409, "Task claimed by someone else", `The task "${task.title}" is assigned to another user; ask them or their manager to release it.`);
        }
        const kind = task.outcomes.find((o) => o.flow === input.outcome)?.kind ?? input.outcome;
        const failed = kind === "failure";
        if (failed) await checkReason(manager, input.reason, role === "admin" ? task.role : role, task.stage);
        const now = ctx.now();
        const closed: Partial<TaskRow> = {
          status: failed ? "failed" : "completed",
          outcome: input.outcome,
          reason: failed ? (input.reason ?? null) : null,
          completedBy: caller.userId,
          completedAt: now,
          ...tickChecklist(task, input.checklist, kind === "success"),
        };
        const writes = new Writes().update<TaskRow>(Entities.Task, { id, status: "open" }, closed, () => {
          return new Problem(409, "Task already done", `The task "${task.title}" was completed meanwhile.`);
        });
        cancelTaskTimers(writes, task.id);
        const result = await advance(
          ctx,
          manager,
          deal,
          {
            type: "task.complete",
            token: task.token,
            outcome: input.outcome,
            ...(failed ? { reason: input.reason } : {}),
            ...(input.output ? { output: input.output } : {}),
            actor: { user: caller.userId, role },
          },
          {
            action: failed ? "task.failed" : "task.completed",
            actorUser: caller.login,
            actorRole: role,
            userId: caller.userId,
            taskId: task.id,
            outcome: input.outcome,
            payload: { task: task.id, element: task.elementId, outcome: input.outcome, ...(failed ? { reason: input.reason } : {}), ...(input.checklist ? { checklist: input.checklist } : {}) },
          },
          { writes, commit: true },
        );
        const next = result.created.filter((row) => mayWork(caller, row, route, now)).map((row) => taskView(row, now));
        return { task: taskView({ ...task, ...closed }, now), deal: dealView(result.deal, version), next };
      });
    },

    claim: (id, caller) => claimTask(ctx, id, caller),
    release: (id, caller) => releaseTask(ctx, id, caller),
    reassign: (id, user, caller) => reassignTask(ctx, id, user, caller),
  };
}

/**
 * The total of a task list as the caller sees it: every matching task of the scope minus those still deferred
 * (hidden from staff until `visibleFrom`). Every count reads an index only: the pools on ix_tasks_inbox and
 * ix_tasks_deferred, the assigned tasks outside the pools on ix_tasks_assigned_pool (which holds role, store and
 * visible_from); one count with "visible now" in it would read every row of a large pool.
 */
async function countVisible(query: SelectQueryBuilder<TaskRow>, caller: Caller, scope: AccessScope, now: Date): Promise<number> {
  if (caller.roles.some((role) => SEE_DEFERRED_ROLES.includes(role))) return countTasks(query, scope);
  const deferred = query.clone().andWhere(`${query.alias}.visibleFrom > :deferredNow`, { deferredNow: now });
  const [all, hidden] = await Promise.all([countTasks(query, scope), countTasks(deferred, scope)]);
  return all - hidden;
}

/** Whether the caller can work a task just created: visible now, and theirs by assignment or by role (store-scoped roles in their store). */
function mayWork(caller: Caller, row: TaskRow, route: Route, now: Date): boolean {
  if (row.visibleFrom && row.visibleFrom > now) return false;
  if (row.assignee) return row.assignee === caller.userId;
  try {
    actingRole(caller, row.role, row.store, route);
    return true;
  } catch {
    return false;
  }
}
