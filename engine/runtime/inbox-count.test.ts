import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestDatabase } from "../../test/support/db.ts";
import { Entities } from "../store/index.ts";
import type { Services, TaskView } from "./contract.ts";
import { callerOf, order, pickIn as pickInStore, openPreparedRuntime } from "./testing/fixture.ts";

let db: TestDatabase;
let services: Services;
const now = new Date("2026-05-01T10:00:00.000Z");

before(async () => {
  ({ db, services } = await openPreparedRuntime(now));
});
after(() => db.close());

/** The demo logins (engine/runtime/seed.ts). */
const DEMO_LOGINS = ["admin", "operator", "store-a", "store-b", "courier", "manager", "analyst", "integrator"];

const as = (login: string) => callerOf(db.dataSource, login);

/** A deal of `store` waiting at its store admin's pick task. */
const pickIn = (store: "A" | "B", externalId: string): Promise<TaskView> => pickInStore(services, db.dataSource, store, externalId);

test("should count exactly the tasks each demo user sees: pools, assigned tasks inside and outside them, done ones", async () => {
  // given: picks in stores A and B (one claimed in its own pool, one assigned outside the assignee's pool,
  // one claimed and deferred),
  // a verify task without a role assigned to the operator, and completed verify tasks
  const claimed = await pickIn("A", "CNT-A1");
  const elsewhere = await pickIn("A", "CNT-A2");
  const deferred = await pickIn("B", "CNT-B1");
  await pickIn("B", "CNT-B2");
  const { deal } = await services.deals.start(order("CNT-ROLELESS"), await as("operator"));
  const [roleless] = (await services.deals.get(deal.id, await as("admin"))).tasks!.filter((t) => t.status === "open");
  await services.tasks.claim(claimed.id, await as("store-a"));
  const courier = await as("courier");
  const operator = await as("operator");
  await db.dataSource.query("UPDATE tasks SET assignee = ? WHERE id = ?", [courier.userId, elsewhere.id]);
  await db.dataSource.query("UPDATE tasks SET role = NULL, store = NULL, assignee = ? WHERE id = ?", [operator.userId, roleless!.id]);
  await services.tasks.claim(deferred.id, await as("store-b"));
  await db.dataSource.getRepository(Entities.Task).update({ id: deferred.id }, { visibleFrom: new Date(now.getTime() + 3_600_000) });
  const counted: Record<string, [number, number][]> = {};
  // when
  for (const login of DEMO_LOGINS) {
    const caller = await as(login);
    counted[login] = [];
    for (const filter of [{}, { status: "open" }]) {
      const all = await services.tasks.list({ filter, range: [0, 999] }, caller);
      const first = await services.tasks.list({ filter, range: [0, 0] }, caller);
      counted[login].push([all.items.length, all.total], [all.items.length, first.total]);
    }
  }
  // then: every total equals the rows the same caller can list, and the branches were exercised
  for (const [login, pairs] of Object.entries(counted)) {
    for (const [rows, total] of pairs) assert.equal(total, rows, `${login}: total ${total}, rows ${rows}`);
  }
  const open = (login: string) => counted[login]![2]![0];
  assert.equal(open("courier"), 1, "the courier sees the pick assigned to them outside their pool");
  assert.equal(open("store-a"), 2, "store A's admin sees both A picks, the claimed one once");
  assert.ok(open("operator") >= 1, "the operator sees the role-less task assigned to them");
  assert.equal(open("store-b"), 1, "store B's admin does not see their deferred pick yet");
  assert.equal(open("manager"), 5, "the manager sees every open task of the team, deferred ones too");
  assert.equal(open("integrator"), 0);
});
