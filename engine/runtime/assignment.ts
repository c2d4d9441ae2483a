/**
 * Automatic assignment of a new task (the user task's `assignment`): to its role pool (nobody), or to one
 * active user of the role (in the deal's store for store-scoped roles), by round-robin or fewest open tasks.
 */
import { IsNull, Not, type EntityManager } from "typeorm";
import type { Route, UserTaskNode } from "../core/route.ts";
import { Entities, type TaskRow, type UserRow } from "../store/index.ts";
import { isStoreScoped } from "./access.ts";

/** What `chooseAssignee` needs to know about the task being created. */
export interface NewTask {
  role: string | null;
  store: string | null;
  assignment?: UserTaskNode["assignment"];
}

/**
 * The user id a new task goes to, or null for its role pool (pool mode, no role, or nobody eligible).
 * `taken` counts tasks already handed out in the same command (not yet written), per user id.
 */
export async function chooseAssignee(manager: EntityManager, task: NewTask, route?: Route, taken: Map<string, number> = new Map()): Promise<string | null> {
  if (!task.assignment || task.assignment === "pool" || !task.role) return null;
  const candidates = await eligibleUsers(manager, task.role, isStoreScoped(task.role, route) ? task.store : undefined);
  if (!candidates.length) return null;
  const chosen = task.assignment === "round-robin" ? await nextInTurn(manager, task, candidates, taken) : await leastOpen(manager, candidates, taken);
  taken.set(chosen, (taken.get(chosen) ?? 0) + 1);
  return chosen;
}

/**
 * The automatic assignment hook of a command: sets `assignee` on the task rows its effects create (the rows
 * `queueEffects` queued, before the writes run), for user tasks whose `assignment` is not the pool. Pool
 * tasks cost nothing (no query).
 */
export async function assignCreatedTasks(manager: EntityManager, route: Route, created: TaskRow[]): Promise<void> {
  const taken = new Map<string, number>();
  for (const row of created) {
    const node = route.nodes[row.elementId] as UserTaskNode | undefined;
    if (row.assignee || !node?.assignment || node.assignment === "pool") continue;
    row.assignee = await chooseAssignee(manager, { role: row.role, store: row.store, assignment: node.assignment }, route, taken);
  }
}

/** Active users with the role (and in the store, when given), ordered by login. */
async function eligibleUsers(manager: EntityManager, role: string, store: string | null | undefined): Promise<string[]> {
  if (store === null) return [];
  const users = await manager.getRepository<UserRow>(Entities.User).find({
    where: store === undefined ? { active: true } : { active: true, store },
    order: { login: "ASC" },
  });
  return users.filter((user) => user.roles.includes(role)).map((user) => user.id);
}

/** The candidate after the one who got the latest task of this role (and store); the first when none did. */
async function nextInTurn(manager: EntityManager, task: NewTask, candidates: string[], taken: Map<string, number>): Promise<string> {
  const [latest] = await manager.getRepository<TaskRow>(Entities.Task).find({
    select: { id: true, assignee: true },
    where: task.store === null ? { role: task.role!, assignee: Not(IsNull()) } : { role: task.role!, store: task.store, assignee: Not(IsNull()) },
    order: { createdAt: "DESC", id: "DESC" },
    take: 1,
  });
  const given = [...taken.keys()].filter((id) => candidates.includes(id));
  const last = given.at(-1) ?? latest?.assignee ?? null;
  const index = last ? candidates.indexOf(last) : -1;
  return candidates[(index + 1) % candidates.length]!;
}

/** The candidate with the fewest open tasks (ties: the first by login). */
async function leastOpen(manager: EntityManager, candidates: string[], taken: Map<string, number>): Promise<string> {
  const rows: { assignee: string; open: number | string }[] = await manager
    .getRepository<TaskRow>(Entities.Task)
    .createQueryBuilder("task")
    .select("task.assignee", "assignee")
    .addSelect("COUNT(*)", "open")
    .where("task.status = :status", { status: "open" })
    .andWhere("task.assignee IN (:...candidates)", { candidates })
    .groupBy("task.assignee")
    .getRawMany();
  const open = new Map(rows.map((row) => [row.assignee, Number(row.open)]));
  const load = (id: string) => (open.get(id) ?? 0) + (taken.get(id) ?? 0);
  return candidates.reduce((best, id) => (load(id) < load(best) ? id : best));
}
