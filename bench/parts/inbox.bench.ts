/**
 * Inbox query (issue 3) at 1,000,000 tasks on MariaDB: the caller's open tasks ∪ their role pools in their
 * stores, ordered by due date, first page (25) — through the real `TasksService.list`, as the API calls it.
 * Callers rotate over operators (a pool across every store), store admins and couriers of many stores.
 */
import type { DataSource } from "typeorm";
import type { Caller, ListQuery } from "../../engine/runtime/contract.ts";
import { createServices } from "../../engine/runtime/index.ts";
import { msSince, percentile, progress, type PartResult } from "../stats.ts";
import { benchUserId, OPERATORS, STORES, storeName } from "./inbox-data.ts";

/** The first page of the caller's open tasks, soonest due first. */
export const INBOX_QUERY: ListQuery = { filter: { status: "open" }, sort: ["dueAt", "ASC"], range: [0, 24] };

/** Runs the inbox query `calls` times (after a short warm-up) over rotating callers; p99 is one call. */
export async function benchInbox(ds: DataSource, tasks: number, calls: number): Promise<PartResult> {
  const services = createServices(ds);
  const who = callers();
  for (const caller of who.slice(0, 10)) await services.tasks.list(INBOX_QUERY, caller); // warm-up
  const latencies: number[] = [];
  const byRole = new Map<string, number[]>();
  let rows = 0;
  const begin = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const at = process.hrtime.bigint();
    const caller = who[i % who.length]!;
    const page = await services.tasks.list(INBOX_QUERY, caller);
    latencies.push(msSince(at));
    const role = caller.roles[0]!;
    byRole.set(role, [...(byRole.get(role) ?? []), latencies.at(-1)!]);
    rows += page.items.length;
    if (i % 100 === 99) progress(`inbox: ${i + 1}/${calls} queries`);
  }
  const elapsed = msSince(begin) / 1000;
  return {
    name: `inbox query, ${tasks.toLocaleString("en-US")} tasks (MariaDB)`,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    count: calls,
    seconds: elapsed,
    note: `TasksService.list first page (page + count), ${who.length} callers in rotation, ${(rows / calls).toFixed(1)} rows/page; p99 by role: ${[...byRole].map(([role, ms]) => `${role} ${percentile(ms, 99)?.toFixed(0)} ms`).join(", ")}`,
  };
}

/** Operators, store admins and couriers of every store, each with the id their assigned tasks carry. */
function callers(): Caller[] {
  const list: Caller[] = [];
  for (let n = 1; n <= STORES; n++) {
    const store = storeName(n);
    const k = n % 4;
    list.push(caller("store_admin", store, k), caller("courier", store, k));
    list.push(caller("operator", null, n % OPERATORS));
  }
  return list;
}

function caller(role: string, store: string | null, k: number): Caller {
  const userId = benchUserId(role, store, k);
  return { userId, login: userId, roles: [role], store };
}
