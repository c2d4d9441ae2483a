/**
 * Staff-facing rules of task templates at run time: a required checklist item blocks a successful
 * completion, ticks are kept on the task; a deferred task stays out of the staff inbox until it shows.
 */
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Problem } from "../problem.ts";
import type { TaskChecklist, TaskRow } from "../store/index.ts";
import type { Caller } from "./contract.ts";

/** Roles that see deferred tasks in lists (flagged `deferred`). */
export const SEE_DEFERRED_ROLES = ["admin", "manager", "analyst"];

/**
 * The checklist column after a completion ticking `ticked` (item ids); Problem 422 at /checklist for an
 * unknown item, or, when `success`, naming each required item left unticked. Nothing when the task has no
 * checklist and nothing was ticked.
 */
export function tickChecklist(task: Pick<TaskRow, "title" | "checklist">, ticked: readonly string[] | undefined, success: boolean): { checklist?: TaskChecklist } {
  const items = task.checklist ?? [];
  const ids = new Set(ticked ?? []);
  const unknown = [...ids].filter((id) => !items.some((item) => item.id === id));
  if (unknown.length) {
    throw new Problem(422, "Unknown checklist item", `The task "${task.title}" has no checklist item ${unknown.join(", ")}.`, unknown.map((id) => ({ pointer: "/checklist", message: `No checklist item "${id}".` })));
  }
  const missing = success ? items.filter((item) => item.required && !ids.has(item.id)) : [];
  if (missing.length) {
    const names = missing.map((item) => `"${item.label}" (${item.id})`).join(", ");
    throw new Problem(422, "Checklist incomplete", `Tick the required checklist item(s) ${names} before completing "${task.title}".`, missing.map((item) => ({ pointer: "/checklist", message: `Required item "${item.label}" (${item.id}) is not ticked.` })));
  }
  return items.length ? { checklist: items.map((item) => ({ ...item, done: ids.has(item.id) })) } : {};
}

/** Keeps tasks whose `visibleFrom` is in the future out of a staff member's list (alias = the task). */
export function hideDeferred<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, caller: Caller, now: Date): SelectQueryBuilder<T> {
  if (caller.roles.some((role) => SEE_DEFERRED_ROLES.includes(role))) return query;
  return query.andWhere(`(${query.alias}.visibleFrom IS NULL OR ${query.alias}.visibleFrom <= :visibleNow)`, { visibleNow: now });
}
