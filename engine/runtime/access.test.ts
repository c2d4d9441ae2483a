import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestDatabase } from "../../test/support/db.ts";
import { Problem } from "../problem.ts";
import type { Caller, Services, TaskView } from "./contract.ts";
import { callerOf, pickIn as pickInStore, openPreparedRuntime } from "./testing/fixture.ts";

let db: TestDatabase;
let services: Services;
const now = new Date("2026-05-01T10:00:00.000Z");

before(async () => {
  ({ db, services } = await openPreparedRuntime(now));
});
after(() => db.close());

const as = (login: string) => callerOf(db.dataSource, login);

/** A deal of `store` waiting at its store admin's pick task. */
const pickIn = (store: "A" | "B", externalId: string): Promise<TaskView> => pickInStore(services, db.dataSource, store, externalId);

test("should show a manager the work of their own team only, and let them reassign within it (runtime, no HTTP)", async () => {
  // given a team "b" of store B's admin, managed by a new manager; picks waiting in stores A and B
  const admin = await as("admin");
  const boss = await services.users.create({ login: "boss-b", name: "Boss B", password: "boss-b", roles: ["manager"] }, admin);
  await services.teams.create({ id: "b", name: "Store B", manager: boss.id }, admin);
  const storeB = await as("store-b");
  await services.users.update(storeB.userId, { team: "b" }, admin);
  const pickA = await pickIn("A", "ACC-A");
  const pickB = await pickIn("B", "ACC-B");
  const manager: Caller = await as("boss-b");
  // when
  const tasks = await services.tasks.list({ range: [0, 99] }, manager);
  const deals = await services.deals.list({ range: [0, 99] }, manager);
  const hidden = await services.tasks.get(pickA.id, manager).then(() => 200, (e: Problem) => e.status);
  const reassigned = await services.tasks.reassign(pickB.id, "store-b", manager);
  const outside = await services.tasks.reassign(pickA.id, "store-a", manager).then(() => 200, (e: Problem) => e.status);
  // then
  assert.deepEqual(tasks.items.map((t) => t.id), [pickB.id]);
  assert.deepEqual(deals.items.map((d) => d.id), [pickB.dealId]);
  assert.equal(hidden, 404);
  assert.equal(reassigned.assignee, storeB.userId);
  assert.equal(outside, 403);
});
