/**
 * Claim, release and reassign a task: each one transaction (the deal, then the task locked), each audited
 * (`task.claimed`, `task.released`, `task.reassigned`, with the actor); a reassignment notifies the new and
 * the previous holder.
 */
import type { EntityManager } from "typeorm";
import { Problem } from "../problem.ts";
import { Entities, inTransaction, readRows, subselect, Writes, type AuditRow, type DealRow, type TaskRow, type UserRow } from "../store/index.ts";
import { accessScope, actingRole, isStoreScoped, seesTask, type AccessScope } from "./access.ts";
import type { RuntimeContext } from "./context.ts";
import type { Caller, TaskView } from "./contract.ts";
import { notifyTask } from "./notifications/index.ts";
import { taskView } from "./views.ts";

/** Takes an open task for the caller; Problem 409 when someone else holds it, 403 when the caller is not eligible. */
export function claimTask(ctx: RuntimeContext, id: string, caller: Caller): Promise<TaskView> {
  return onOpenTask(ctx, id, caller, async ({ task, deal, route }) => {
    const role = actingRole(caller, task.role, deal.store, route);
    if (task.assignee === caller.userId) return { task, change: null };
    if (task.assignee) throw new Problem(409, "Task claimed by someone else", `The task "${task.title}" is already assigned to another user.`);
    return { task, change: { assignee: caller.userId, action: "task.claimed", role, payload: { task: task.id, user: caller.userId } } };
  });
}

/** Gives a task back to its pool: its holder, a manager of the holder's team, or an admin; Problem 409 otherwise. */
export function releaseTask(ctx: RuntimeContext, id: string, caller: Caller): Promise<TaskView> {
  return onOpenTask(ctx, id, caller, async ({ task, scope }) => {
    if (!task.assignee) return { task, change: null };
    const mine = task.assignee === caller.userId;
    const managed = scope.people.includes(task.assignee) && scope.teams.length > 0;
    if (!mine && !managed && !isAdmin(caller)) throw new Problem(409, "Task claimed by someone else", `The task "${task.title}" is held by another user.`);
    return { task, change: { assignee: null, action: "task.released", role: actorRole(caller, task), payload: { task: task.id, user: task.assignee } } };
  });
}

/** Hands a task to an eligible, active user (a manager: only to members of their team; or an admin). */
export function reassignTask(ctx: RuntimeContext, id: string, user: string, caller: Caller): Promise<TaskView> {
  return onOpenTask(ctx, id, caller, async ({ task, scope, route, manager }) => {
    if (!isAdmin(caller) && scope.teams.length === 0) throw new Problem(403, "Not a manager", "Only a team's manager or an admin reassigns tasks.");
    const target = (await manager.getRepository<UserRow>(Entities.User).findOneBy({ id: user })) ?? (await manager.getRepository<UserRow>(Entities.User).findOneBy({ login: user }));
    if (!target || !target.active) throw userProblem(`No active user ${user}.`);
    if (!isAdmin(caller) && !scope.people.includes(target.id)) throw userProblem(`${target.login} is not in a team you manage.`);
    const eligible = task.role !== null && target.roles.includes(task.role) && (!isStoreScoped(task.role, route) || target.store === task.store);
    if (!eligible) throw userProblem(`${target.login} does not work as ${task.role ?? "(no role)"}${task.store ? ` in store ${task.store}` : ""}.`);
    if (task.assignee === target.id) return { task, change: null };
    return { task, change: { assignee: target.id, action: "task.reassigned", role: actorRole(caller, task), payload: { task: task.id, from: task.assignee, to: target.id } } };
  });
}

/** Locks a task's deal, then the task (the order every command locks in), in one round trip on MySQL; Problem 404 when unknown. */
export async function lockTaskDeal(manager: EntityManager, id: string): Promise<{ task: TaskRow; deal: DealRow }> {
  const [deals, tasks] = await readRows(manager, [
    { entity: Entities.Deal, where: { id: subselect<TaskRow>(Entities.Task, "dealId", { id }) }, lock: true },
    { entity: Entities.Task, where: { id }, lock: true },
  ]);
  const deal = deals?.[0] as DealRow | undefined;
  const task = tasks?.[0] as TaskRow | undefined;
  if (!deal || !task) throw notFound(id);
  return { task, deal };
}

interface ClaimContext {
  task: TaskRow;
  deal: DealRow;
  scope: AccessScope;
  route: Awaited<ReturnType<RuntimeContext["version"]>>["route"];
  manager: EntityManager;
}

interface Change {
  assignee: string | null;
  action: "task.claimed" | "task.released" | "task.reassigned";
  role: string | null;
  payload: Record<string, unknown>;
}

/** Runs a claim-like change on an open task in one transaction: the new assignee and its audit row. */
async function onOpenTask(
  ctx: RuntimeContext,
  id: string,
  caller: Caller,
  decide: (context: ClaimContext) => Promise<{ task: TaskRow; change: Change | null }>,
): Promise<TaskView> {
  return inTransaction(ctx.dataSource, async (manager) => {
    const scope = await accessScope(manager, caller);
    const { task, deal } = await lockTaskDeal(manager, id);
    if (!seesTask(scope, task)) throw new Problem(403, "Not your task", `You may not act on the task "${task.title}".`);
    if (task.status !== "open") throw new Problem(409, "Task already done", `The task "${task.title}" is ${task.status}.`);
    const { route } = await ctx.version(manager, deal.routeVersionId);
    const { change } = await decide({ task, deal, scope, route, manager });
    if (!change) return taskView(task);
    const writes = new Writes()
      .update<TaskRow>(Entities.Task, { id, status: "open" }, { assignee: change.assignee }, () => new Problem(409, "Task already done", `The task "${task.title}" was completed meanwhile.`))
      .insert<AuditRow>(Entities.Audit, {
        dealId: deal.id,
        taskId: task.id,
        action: change.action,
        actorUser: caller.login,
        actorRole: change.role,
        fromStage: deal.stage,
        toStage: deal.stage,
        payload: change.payload,
        at: ctx.now(),
      });
    await writes.run(manager);
    const after = { ...task, assignee: change.assignee };
    if (change.action === "task.reassigned") await notifyTask(manager, "task.reassigned", after, ctx.now(), { previousAssignee: task.assignee, route });
    return taskView(after);
  });
}

function isAdmin(caller: Caller): boolean {
  return caller.roles.includes("admin");
}

function actorRole(caller: Caller, task: TaskRow): string | null {
  if (task.role && caller.roles.includes(task.role)) return task.role;
  if (isAdmin(caller)) return "admin";
  return caller.roles.includes("manager") ? "manager" : (caller.roles[0] ?? null);
}

function notFound(id: string): Problem {
  return new Problem(404, "Task not found", `No task ${id} that you can see.`);
}

function userProblem(message: string): Problem {
  return new Problem(422, "User cannot take the task", message, [{ pointer: "/user", message }]);
}
