/**
 * Who may see and act on what: roles that see everything, store-scoped roles (only their store's deals and
 * tasks), and the role a caller acts in on a task.
 */
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Brackets } from "typeorm";
import type { Route } from "../core/route.ts";
import { Problem } from "../problem.ts";
import type { Caller } from "./contract.ts";

/** Roles that see every deal and task. */
export const SEE_ALL_ROLES = ["admin", "manager", "analyst"];

/** Roles whose work is limited to the caller's store unless a route says otherwise. */
export const STORE_SCOPED_ROLES = ["store_admin", "courier"];

/** True when the role's tasks go to that role in the deal's store only. */
export function isStoreScoped(role: string, route?: Route): boolean {
  const declared = route?.roles.find((r) => r.key === role);
  return declared ? declared.storeScoped || STORE_SCOPED_ROLES.includes(role) : STORE_SCOPED_ROLES.includes(role);
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

/** Restricts a task or deal query to what the caller may see (`roleColumn` absent for deals). */
export function restrictToCaller<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, caller: Caller, roleProperty?: string): SelectQueryBuilder<T> {
  if (caller.roles.some((role) => SEE_ALL_ROLES.includes(role))) return query;
  const alias = query.alias;
  const scoped = caller.roles.filter((role) => STORE_SCOPED_ROLES.includes(role));
  const free = caller.roles.filter((role) => !STORE_SCOPED_ROLES.includes(role));
  if (!roleProperty) {
    // deals: any non-store role sees all deals, store roles see their store's
    if (free.length) return query;
    return query.andWhere(`${alias}.store = :callerStore`, { callerStore: caller.store ?? "\u0000" });
  }
  return query.andWhere(
    new Brackets((where) => {
      where.where("1 = 0");
      if (free.length) where.orWhere(`${alias}.${roleProperty} IN (:...freeRoles)`, { freeRoles: free });
      if (scoped.length && caller.store) {
        where.orWhere(`(${alias}.${roleProperty} IN (:...scopedRoles) AND ${alias}.store = :callerStore)`, {
          scopedRoles: scoped,
          callerStore: caller.store,
        });
      }
    }),
  );
}
