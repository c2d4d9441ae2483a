import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { Problem } from "../problem.ts";
import { Entities, type DealRow, type OutboxRow } from "../store/index.ts";
import { createServices } from "./index.ts";
import type { Services, TaskView } from "./contract.ts";
import { callerOf, dumpCommandTables, miniRoute, notifyRoute, order, paymentRoute, prepare } from "./testing/fixture.ts";

let db: TestDatabase;
let services: Services;
const now = new Date("2026-05-01T10:00:00.000Z");

before(async () => {
  db = await openTestDatabase();
  await prepare(db.dataSource, [miniRoute(), notifyRoute(), paymentRoute()], now);
  services = createServices(db.dataSource, { now: () => now });
});
after(() => db.close());

const as = (login: string) => callerOf(db.dataSource, login);
const openTasks = async (dealId: string): Promise<TaskView[]> =>
  ((await services.deals.get(dealId, await as("admin"))).tasks ?? []).filter((task) => task.status === "open");

test("should start a deal on the latest route version with its first task, stage and audit", async () => {
  // given
  const operator = await as("operator");
  // when
  const { deal, created } = await services.deals.start(order("ORD-START"), operator);
  // then
  assert.equal(created, true);
  assert.equal(deal.routeKey, "order-fulfilment");
  assert.equal(deal.routeVersion, 1);
  assert.equal(deal.stage, "new");
  assert.equal(deal.store, "A");
  const full = await services.deals.get(deal.id, operator);
  assert.deepEqual(full.tasks?.map((task) => [task.element, task.role, task.status, task.title]), [["verify", "operator", "open", "verify"]]);
  assert.deepEqual(full.history?.map((row) => [row.stage, row.kind, row.leftAt]), [["new", "open", null]]);
  assert.deepEqual(full.audit?.map((row) => [row.action, row.actor, row.fromStage, row.toStage]), [["deal.started", "operator", null, "new"]]);
  const row = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ id: deal.id });
  assert.equal(row.customerPhone, "+79001234567");
  assert.equal(row.city, "Moscow");
});

test("should return the existing deal for a repeated external order id and change nothing", async () => {
  // given
  const operator = await as("operator");
  const first = await services.deals.start(order("ORD-TWICE"), operator);
  const before = await dumpCommandTables(db.dataSource);
  // when
  const again = await services.deals.start(order("ORD-TWICE"), operator);
  // then
  assert.equal(again.created, false);
  assert.equal(again.deal.id, first.deal.id);
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
});

test("should refuse an invalid order with 422 and a pointer, storing nothing", async () => {
  // given
  const before = await dumpCommandTables(db.dataSource);
  // when
  const error = await services.deals.start({ customer: 42 }, await as("operator")).catch((e: unknown) => e);
  // then
  assert.ok(error instanceof Problem && error.status === 422, String(error));
  assert.ok(error.errors.length > 0 && error.errors.every((detail) => typeof detail.pointer === "string"));
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
});

test("should run a deal to won when each task is completed by its role, with history and audit", async () => {
  // given
  const { deal } = await services.deals.start(order("ORD-WON"), await as("operator"));
  // when
  const [verify] = await openTasks(deal.id);
  await services.tasks.complete(verify.id, { outcome: "success" }, await as("operator"));
  const [pick] = await openTasks(deal.id);
  await services.tasks.complete(pick.id, { outcome: "success" }, await as("store-a"));
  const [report] = await openTasks(deal.id);
  const done = await services.tasks.complete(report.id, { outcome: "success" }, await as("store-a"));
  // then
  assert.equal(done.deal.status, "completed");
  assert.equal(done.deal.outcome, "won");
  assert.equal(done.deal.stage, "done");
  const full = await services.deals.get(deal.id, await as("manager"));
  assert.deepEqual(full.history?.map((row) => [row.stage, row.kind, row.leftAt !== null, row.outcome]), [
    ["new", "open", true, "success"],
    ["assembly", "open", true, "success"],
    ["done", "won", false, null],
  ]);
  assert.deepEqual(full.audit?.map((row) => [row.action, row.actor, row.fromStage, row.toStage]), [
    ["deal.started", "operator", null, "new"],
    ["task.completed", "operator", "new", "assembly"],
    ["task.completed", "store-a", "assembly", "assembly"],
    ["task.completed", "store-a", "assembly", "done"],
  ]);
  assert.deepEqual(full.tasks?.map((task) => task.status), ["completed", "completed", "completed"]);
  assert.equal((await openTasks(deal.id)).length, 0);
});

test("should send a failed deal down the cancellation path and end it lost with reason, role and stage", async () => {
  // given
  const { deal } = await services.deals.start(order("ORD-LOST"), await as("operator"));
  const [verify] = await openTasks(deal.id);
  await services.tasks.complete(verify.id, { outcome: "success" }, await as("operator"));
  const [pick] = await openTasks(deal.id);
  // when
  const failed = await services.tasks.complete(pick.id, { outcome: "failure", reason: "out_of_stock" }, await as("store-a"));
  const [disband] = await openTasks(deal.id);
  const end = await services.tasks.complete(disband.id, { outcome: "success" }, await as("store-a"));
  // then
  assert.equal(failed.task.status, "failed");
  assert.equal(failed.task.reason, "out_of_stock");
  assert.equal(disband.element, "disband");
  assert.equal(end.deal.outcome, "lost");
  assert.equal(end.deal.stage, "cancelled");
  assert.equal(end.deal.lostReason, "out_of_stock");
  const row = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ id: deal.id });
  assert.deepEqual([row.lostReason, row.lostRole, row.lostStage, row.status], ["out_of_stock", "store_admin", "assembly", "completed"]);
  const full = await services.deals.get(deal.id, await as("analyst"));
  const storeA = await as("store-a");
  assert.deepEqual(full.history?.map((h) => [h.stage, h.kind, h.outcome, h.reason, h.role, h.user]), [
    ["new", "open", "success", null, "operator", (await as("operator")).userId],
    ["assembly", "open", "failure", "out_of_stock", "store_admin", storeA.userId],
    ["cancelled", "lost", "lost", "out_of_stock", "store_admin", storeA.userId],
  ]);
  const failure = full.audit?.find((entry) => entry.action === "task.failed");
  assert.deepEqual(failure?.payload, { task: pick.id, element: "pick", outcome: "failure", reason: "out_of_stock" });
});

test("should write a connector message to the outbox in the command's transaction, keyed by deal version, token and element", async () => {
  // when
  const { deal } = await services.deals.start(order("ORD-SMS"), await as("operator"), { route: "notify" });
  // then
  const rows = await db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findBy({ dealId: deal.id });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].connector, "sms");
  assert.equal(rows[0].action, "send");
  assert.equal(rows[0].status, "pending");
  assert.equal(rows[0].idempotencyKey, `${deal.id}:0:${rows[0].token}:sms`);
  assert.equal(rows[0].audience, "customer");
  assert.equal(rows[0].payload.phone, "+79001234567");
});

test("should deliver a message to the deal of an order id, and refuse unknown deals and unexpected messages", async () => {
  // given
  const integrator = await as("integrator");
  const { deal } = await services.deals.start(order("ORD-PAID"), integrator, { route: "paid" });
  assert.equal(deal.status, "running");
  const before = await dumpCommandTables(db.dataSource);
  // when
  const unknown = await services.deals.message({ name: "payment.received", orderId: "NO-SUCH-ORDER" }, integrator).catch((e: unknown) => e);
  const unexpected = await services.deals.message({ name: "customer.replied", orderId: "ORD-PAID" }, integrator).catch((e: unknown) => e);
  const unchanged = await dumpCommandTables(db.dataSource);
  const moved = await services.deals.message({ name: "payment.received", orderId: "ORD-PAID", payload: { amount: 389 } }, integrator);
  // then
  assert.ok(unknown instanceof Problem && unknown.status === 404, String(unknown));
  assert.ok(unexpected instanceof Problem && unexpected.status === 422, String(unexpected));
  assert.deepEqual(unchanged, before);
  assert.equal(moved.stage, "handover");
  const full = await services.deals.get(deal.id, integrator);
  assert.deepEqual(full.tasks?.map((task) => task.element), ["handover"]);
  const entry = full.audit?.at(-1);
  assert.deepEqual([entry?.action, entry?.actor, entry?.role], ["deal.message.received", "integrator", "integrator"]);
  assert.deepEqual(entry?.payload, { name: "payment.received", payload: { amount: 389 } });
});
