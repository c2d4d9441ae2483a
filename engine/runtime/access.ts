/**
 * Record-level access, enforced by the runtime: admins and analysts read everything (only admins act);
 * staff see and act on the tasks of their role pools (store-scoped roles only in their store) and the tasks
 * assigned to them; a manager also sees the work of their team (its members' tasks and pools). A deal is
 * visible when one of its tasks is.
 */
import type { EntityManager, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from "typeorm";
import { Brackets, In } from "typeorm";
import type { Route } from "../core/route.ts";
import { Problem } from "../problem.ts";
import { Entities, type TaskRow, type TeamRow, type UserRow } from "../store/index.ts";
import type { Caller } from "./contract.ts";

/** Roles that read every deal and task. */
export const SEE_ALL_ROLES = ["admin", "analyst"];

/** Roles that read every deal (to follow what they started), without seeing tasks. */
export const SEE_ALL_DEALS_ROLES = ["integrator"];

/** Roles whose tasks go to the role in the deal's store only (unless a route declares more). */
export const STORE_SCOPED_ROLES = ["store_admin", "courier"];

/** Roles that are not task pools. */
const NON_POOL_ROLES = ["admin", "analyst", "integrator"];

/** A role pool: tasks of `role`, in `store` when the role is store-scoped (null = every store). */
export interface Pool {
  role: string;
  store: string | null;
}

/** What a caller may see, resolved once per request from the caller and their managed teams. */
export interface AccessScope {
  caller: Caller;
  /** Reads every deal and task. */
  readAll: boolean;
  /** Reads every deal. */
  readAllDeals: boolean;
  /** Pools the caller works in. */
  pools: Pool[];
  /** Pools of the teams the caller manages. */
  teamPools: Pool[];
  /** Users whose assigned tasks the caller sees: the caller and the members of the teams they manage. */
  people: string[];
  /** Ids of the teams the caller manages. */
  teams: string[];
}

/** True when the role's tasks go to that role in the deal's store only. */
export function isStoreScoped(role: string, route?: Route): boolean {
  const declared = route?.roles.find((r) => r.key === role);
  return declared ? declared.storeScoped || STORE_SCOPED_ROLES.includes(role) : STORE_SCOPED_ROLES.includes(role);
}

/** The pools a user with these roles and store works in. */
export function poolsOf(roles: string[], store: string | null | undefined): Pool[] {
  return roles
    .filter((role) => !NON_POOL_ROLES.includes(role))
    .flatMap((role): Pool[] => (STORE_SCOPED_ROLES.includes(role) ? (store ? [{ role, store }] : []) : [{ role, store: null }]));
}

/** Resolves what the caller may see (reads the teams they manage and those teams' members). */
export async function accessScope(manager: EntityManager, caller: Caller): Promise<AccessScope> {
  const readAll = caller.roles.some((role) => SEE_ALL_ROLES.includes(role));
  const scope: AccessScope = {
    caller,
    readAll,
    readAllDeals: readAll || caller.roles.some((role) => SEE_ALL_DEALS_ROLES.includes(role)),
    pools: poolsOf(caller.roles, caller.store),
    teamPools: [],
    people: [caller.userId],
    teams: [],
  };
  if (readAll) return scope;
  const teams = await manager.getRepository<TeamRow>(Entities.Team).findBy({ managerId: caller.userId });
  if (!teams.length) return scope;
  scope.teams = teams.map((team) => team.id);
  const members = await manager.getRepository<UserRow>(Entities.User).findBy({ team: In(scope.teams) });
  for (const member of members) {
    if (!scope.people.includes(member.id)) scope.people.push(member.id);
    scope.teamPools.push(...poolsOf(member.roles, member.store));
  }
  return scope;
}

/** True when the scope sees the task. */
export function seesTask(scope: AccessScope, task: Pick<TaskRow, "role" | "store" | "assignee">): boolean {
  if (scope.readAll) return true;
  if (task.assignee && scope.people.includes(task.assignee)) return true;
  return [...scope.pools, ...scope.teamPools].some((pool) => inPool(pool, task));
}

/** True when the task is in one of the caller's own pools (they may claim and complete it). */
export function worksIn(scope: AccessScope, task: Pick<TaskRow, "role" | "store">): boolean {
  return scope.pools.some((pool) => inPool(pool, task));
}

/** Restricts a task query (alias = the task) to what the scope sees. */
export function restrictTasks<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: AccessScope): SelectQueryBuilder<T> {
  if (scope.readAll) return query;
  return query.andWhere(new Brackets((where) => taskCondition(where, query.alias, scope)));
}

/**
 * Counts the rows of a task query (alias = the task; its order and paging are ignored) that the scope sees.
 * One count per branch of the OR, each on its own index — the pools, then the people's assigned tasks outside
 * the pools — summed: one count over the OR makes MySQL merge two indexes and read every row of a large pool.
 */
export async function countTasks<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: AccessScope): Promise<number> {
  if (scope.readAll) return query.getCount();
  const alias = query.alias;
  const pools = poolCondition(alias, scope);
  const assigned = query.clone().andWhere(`${alias}.assignee IN (:...${alias}People)`, { [`${alias}People`]: scope.people });
  if (!pools) return assigned.getCount();
  // CASE: a task with a null role or store is outside the pools (a plain NOT would make the condition unknown)
  assigned.andWhere(`CASE WHEN ${pools.sql} THEN 1 ELSE 0 END = 0`, pools.parameters);
  const [inPools, outside] = await Promise.all([query.clone().andWhere(pools.sql, pools.parameters).getCount(), assigned.getCount()]);
  return inPools + outside;
}

/** Restricts a deal query (alias = the deal) to deals with a task the scope sees. */
export function restrictDeals<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: AccessScope): SelectQueryBuilder<T> {
  if (scope.readAllDeals) return query;
  const sub = query
    .subQuery()
    .select("1")
    .from(Entities.Task, "visible")
    .where(`visible.dealId = ${query.alias}.id`)
    .andWhere(new Brackets((where) => taskCondition(where, "visible", scope)));
  return query.andWhere(`EXISTS ${sub.getQuery()}`).setParameters(sub.getParameters());
}

/** The role in which the caller acts on a task of `role` in `store`; Problem 403 when the caller may not. */
export function actingRole(caller: Caller, role: string | null, store: string | null, route?: Route): string {
  if (role && caller.roles.includes(role)) {
    if (isStoreScoped(role, route) && (!caller.store || caller.store !== store)) {
      throw new Problem(403, "Not your store", `This task belongs to store ${store ?? "(none)"}; you work in ${caller.store ?? "no store"}.`);
    }
    return role;
  }
  if (caller.roles.includes("admin")) return "admin";
  throw new Problem(403, "Not your task", `This task is for the role ${role ?? "(none)"}; you have ${caller.roles.join(", ") || "no role"}.`);
}

function inPool(pool: Pool, task: Pick<TaskRow, "role" | "store">): boolean {
  return task.role === pool.role && (pool.store === null || task.store === pool.store);
}

/** `assignee IN people OR (role, store) in a pool`, on the columns of `alias` (parameter names unique per alias). */
function taskCondition(where: WhereExpressionBuilder, alias: string, scope: AccessScope): void {
  where.where(`${alias}.assignee IN (:...${alias}People)`, { [`${alias}People`]: scope.people });
  const pools = poolCondition(alias, scope);
  if (pools) where.orWhere(pools.sql, pools.parameters);
}

/** SQL text and parameters of "the task is in one of the scope's pools (own and teams')"; undefined when there are none. */
function poolCondition(alias: string, scope: AccessScope): { sql: string; parameters: Record<string, unknown> } | undefined {
  const pools = dedupe([...scope.pools, ...scope.teamPools]);
  const parts: string[] = [];
  const parameters: Record<string, unknown> = {};
  const anyStore = pools.filter((pool) => pool.store === null).map((pool) => pool.role);
  if (anyStore.length) {
    parts.push(`${alias}.role IN (:...${alias}Roles)`);
    parameters[`${alias}Roles`] = anyStore;
  }
  pools
    .filter((pool) => pool.store !== null)
    .forEach((pool, i) => {
      parts.push(`(${alias}.role = :${alias}Role${i} AND ${alias}.store = :${alias}Store${i})`);
      parameters[`${alias}Role${i}`] = pool.role;
      parameters[`${alias}Store${i}`] = pool.store;
    });
  return parts.length ? { sql: `(${parts.join(" OR ")})`, parameters } : undefined;
}

function dedupe(pools: Pool[]): Pool[] {
  const seen = new Set<string>();
  return pools.filter((pool) => {
    const key = `${pool.role}\u0000${pool.store ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
