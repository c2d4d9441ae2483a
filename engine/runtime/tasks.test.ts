import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { TestDatabase } from "../../test/support/db.ts";
import { transition } from "../core/index.ts";
import { Problem } from "../problem.ts";
import { Entities, inTransaction, insertRow, type DealRow, type TaskRow } from "../store/index.ts";
import { saveDeal } from "./command.ts";
import type { Services, TaskView } from "./contract.ts";
import { callerOf, dumpCommandTables, miniRoute, order, openPreparedRuntime } from "./testing/fixture.ts";

let db: TestDatabase;
let services: Services;
const now = new Date("2026-05-01T10:00:00.000Z");

before(async () => {
  ({ db, services } = await openPreparedRuntime(now));
});
after(() => db.close());

const as = (login: string) => callerOf(db.dataSource, login);
const openTasks = async (dealId: string): Promise<TaskView[]> =>
  ((await services.deals.get(dealId, await as("admin"))).tasks ?? []).filter((task) => task.status === "open");

/** A new deal waiting at `pick` (store A's store admin). */
async function dealAtPick(externalId: string): Promise<{ dealId: string; pick: TaskView }> {
  const { deal } = await services.deals.start(order(externalId), await as("operator"));
  const [verify] = await openTasks(deal.id);
  await services.tasks.complete(verify.id, { outcome: "success" }, await as("operator"));
  const [pick] = await openTasks(deal.id);
  return { dealId: deal.id, pick };
}

async function refusal(work: Promise<unknown>): Promise<Problem> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Problem, `expected a Problem, got ${String(error)}`);
  return error;
}

test("should refuse a reason not allowed for the caller's role with 422 at /reason and change nothing", async () => {
  // given
  const { pick } = await dealAtPick("ORD-BAD-REASON");
  const before = await dumpCommandTables(db.dataSource);
  // when
  const customerReason = await refusal(services.tasks.complete(pick.id, { outcome: "failure", reason: "customer_refused" }, await as("store-a")));
  const unknown = await refusal(services.tasks.complete(pick.id, { outcome: "failure", reason: "no_such_reason" }, await as("store-a")));
  const missing = await refusal(services.tasks.complete(pick.id, { outcome: "failure" }, await as("store-a")));
  // then
  for (const problem of [customerReason, unknown, missing]) {
    assert.equal(problem.status, 422);
    assert.equal(problem.errors[0]?.pointer, "/reason");
  }
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
});

test("should refuse a retired reason and a reason outside its stages", async () => {
  // given
  const { deal } = await services.deals.start(order("ORD-RETIRED"), await as("operator"));
  const [verify] = await openTasks(deal.id);
  // when
  const retired = await refusal(services.tasks.complete(verify.id, { outcome: "failure", reason: "retired" }, await as("operator")));
  // then
  assert.equal(retired.status, 422);
  assert.equal((await openTasks(deal.id))[0].id, verify.id);
});

test("should refuse a task to a caller without its role (403) and store B's admin on store A's task", async () => {
  // given
  const { pick } = await dealAtPick("ORD-ROLE");
  const before = await dumpCommandTables(db.dataSource);
  // when
  const courier = await refusal(services.tasks.complete(pick.id, { outcome: "success" }, await as("operator")));
  const otherStore = await refusal(services.tasks.complete(pick.id, { outcome: "success" }, await as("store-b")));
  // then
  assert.equal(courier.status, 403);
  assert.equal(otherStore.status, 403);
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
});

test("should list only the tasks of the caller's roles and store", async () => {
  // given
  const { pick } = await dealAtPick("ORD-LIST");
  // when
  const storeA = await services.tasks.list({ filter: { status: "open" } }, await as("store-a"));
  const storeB = await services.tasks.list({ filter: { status: "open" } }, await as("store-b"));
  const manager = await services.tasks.list({ filter: { dealId: pick.dealId } }, await as("manager"));
  // then
  assert.ok(storeA.items.some((task) => task.id === pick.id));
  assert.ok(storeA.items.every((task) => task.role === "store_admin" && task.store === "A"));
  assert.ok(!storeB.items.some((task) => task.id === pick.id));
  assert.deepEqual(manager.items.map((task) => task.element).sort(), ["pick", "verify"]);
  assert.equal(manager.total, 2);
});

test("should answer 409 to a second completion of the same task and change nothing", async () => {
  // given
  const { pick } = await dealAtPick("ORD-TWICE-DONE");
  await services.tasks.complete(pick.id, { outcome: "success" }, await as("store-a"));
  const before = await dumpCommandTables(db.dataSource);
  // when
  const second = await refusal(services.tasks.complete(pick.id, { outcome: "success" }, await as("store-a")));
  // then
  assert.equal(second.status, 409);
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
});

test("should let exactly one of two parallel completions of a task through; the other gets 409", async () => {
  // given
  const { dealId, pick } = await dealAtPick("ORD-RACE");
  const storeA = await as("store-a");
  // when
  const results = await Promise.allSettled([
    services.tasks.complete(pick.id, { outcome: "success" }, storeA),
    services.tasks.complete(pick.id, { outcome: "failure", reason: "out_of_stock" }, storeA),
  ]);
  // then
  const ok = results.filter((r) => r.status === "fulfilled");
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  assert.equal(ok.length, 1);
  assert.equal(refused.length, 1);
  assert.ok(refused[0].reason instanceof Problem && refused[0].reason.status === 409, String(refused[0].reason));
  const tasks = (await services.deals.get(dealId, await as("admin"))).tasks ?? [];
  assert.equal(tasks.filter((task) => task.element === "pick").length, 1);
  assert.equal(tasks.filter((task) => task.status === "open").length, 1);
  const audit = (await services.deals.get(dealId, await as("admin"))).audit ?? [];
  assert.equal(audit.filter((entry) => entry.action.startsWith("task.")).length, 2);
});

test("should leave nothing half-written when an effect violates a constraint", async () => {
  // given: a stray task row holds the (deal, token) the next task will get
  const { dealId, pick } = await dealAtPick("ORD-ROLLBACK");
  const deal = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ id: dealId });
  const next = transition(miniRoute(), deal.snapshot, { type: "task.complete", token: pick.token, outcome: "success" }, now, deal.data);
  const created = next.effects.find((effect) => effect.type === "task.create");
  assert.ok(created && created.type === "task.create");
  await insertRow<TaskRow>(db.dataSource.manager, Entities.Task, {
    id: randomUUID(), dealId, token: created.token, elementId: "stray", title: "stray", description: null, role: "nobody", store: null,
    stage: null, status: "cancelled", outcomes: [], outcome: null, reason: null, assignee: null, completedBy: null,
    createdAt: now, dueAt: null, visibleFrom: null, completedAt: null,
  });
  const before = await dumpCommandTables(db.dataSource);
  // when
  const error = await services.tasks.complete(pick.id, { outcome: "success" }, await as("store-a")).then(() => undefined, (e: unknown) => e);
  // then
  assert.ok(error, "the completion must fail");
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
});

test("should refuse a deal write whose version moved meanwhile with 409", async () => {
  // given
  const { dealId } = await dealAtPick("ORD-VERSION");
  const stale = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ id: dealId });
  await db.dataSource.getRepository<DealRow>(Entities.Deal).update({ id: dealId }, { version: stale.version + 1 });
  // when
  const error = await refusal(inTransaction(db.dataSource, (manager) => saveDeal(manager, { ...stale, stage: "elsewhere" }, stale.version)));
  // then
  assert.equal(error.status, 409);
  const row = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ id: dealId });
  assert.equal(row.stage, "assembly");
});

test("should refuse an unknown outcome with 422 at /outcome", async () => {
  // given
  const { pick } = await dealAtPick("ORD-OUTCOME");
  // when
  const error = await refusal(services.tasks.complete(pick.id, { outcome: "teleport" }, await as("store-a")));
  // then
  assert.equal(error.status, 422);
  assert.equal(error.errors[0]?.pointer, "/outcome");
});
