import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { Problem } from "../problem.ts";
import { Entities, type StageHistoryRow } from "../store/index.ts";
import { createServices, seedDemo, seedReasons } from "./index.ts";
import type { Caller, DealView, Services, TaskView } from "./contract.ts";
import { callerOf, dumpCommandTables, order } from "./testing/fixture.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
/** Which demo user works a role (store A's people for store-scoped roles). */
const WORKER: Record<string, string> = { operator: "operator", store_admin: "store-a", courier: "courier", manager: "manager" };

let db: TestDatabase;
let services: Services;

before(async () => {
  db = await openTestDatabase();
  await seedDemo(db.dataSource);
  await seedReasons(db.dataSource);
  services = createServices(db.dataSource);
});
after(() => db.close());

const as = (login: string) => callerOf(db.dataSource, login);

test("should publish the reference route as numbered immutable versions, deals staying on theirs", async () => {
  // given
  const admin = await as("admin");
  // when
  const first = await services.routes.publish(REFERENCE, admin);
  const { deal } = await services.deals.start(order("ORD-REF-VERSION"), admin);
  const second = await services.routes.publish(REFERENCE, admin);
  // then
  assert.equal(first.key, "order-fulfilment");
  assert.deepEqual([first.version, second.version], [1, 2]);
  assert.equal(deal.routeVersion, 1);
  assert.equal((await services.deals.get(deal.id, admin)).routeVersion, 1);
  const listed = await services.routes.list({ sort: ["version", "ASC"] });
  assert.deepEqual(listed.items.map((v) => [v.version, v.runningDeals]), [[1, 1], [2, 0]]);
  assert.equal((await services.routes.get(first.id)).xml, REFERENCE);
  const next = await services.deals.start(order("ORD-REF-VERSION-2"), admin);
  assert.equal(next.deal.routeVersion, 2);
});

test("should refuse malformed BPMN with 422 naming what is wrong, storing nothing", async () => {
  // given
  const before = await services.routes.list({});
  const tables = await dumpCommandTables(db.dataSource);
  // when
  const error = await services.routes.publish("<definitions><process id=", await as("admin")).catch((e: unknown) => e);
  // then
  assert.ok(error instanceof Problem && error.status === 422, String(error));
  assert.equal(error.title, "Route refused");
  assert.ok(error.errors.length > 0 && error.errors.every((detail) => detail.message));
  assert.equal((await services.routes.list({})).total, before.total);
  assert.deepEqual(await dumpCommandTables(db.dataSource), tables);
});

test("should run a deal on the reference route to won, each task completed by its role", async () => {
  // when
  const deal = await runDeal("ORD-REF-WON", () => undefined);
  // then
  assert.equal(deal.status, "completed");
  assert.equal(deal.outcome, "won");
  const full = await services.deals.get(deal.id, await as("admin"));
  assert.ok((full.history?.length ?? 0) >= 3, "several stages");
  assert.equal(full.history?.at(-1)?.kind, "won");
  assert.equal(full.audit?.[0].action, "deal.started");
});

test("should end a deal on the reference route lost when a task fails with an allowed reason", async () => {
  // given
  let failedWith: { reason: string; role: string; stage: string | null } | undefined;
  // when
  const deal = await runDeal("ORD-REF-LOST", (task, reasons) => {
    if (failedWith || !task.outcomes.some((o) => o.kind === "failure")) return undefined;
    const reason = reasons.find((r) => r.roles.includes(task.role ?? "") && (r.stages.length === 0 || r.stages.includes(task.stage ?? "")));
    if (!reason) return undefined;
    failedWith = { reason: reason.code, role: task.role ?? "", stage: task.stage ?? null };
    return reason.code;
  });
  // then
  assert.ok(failedWith, "some task could fail");
  assert.equal(deal.outcome, "lost");
  assert.equal(deal.lostReason, failedWith.reason);
  const rows = await db.dataSource.getRepository<StageHistoryRow>(Entities.StageHistory).findBy({ dealId: deal.id, reason: failedWith.reason });
  assert.ok(rows.some((row) => row.role === failedWith!.role));
  const audit = (await services.deals.get(deal.id, await as("admin"))).audit ?? [];
  assert.ok(audit.some((entry) => entry.action === "task.failed"));
});

/** Completes open tasks as their roles (success, unless `fail` returns a reason) until the deal ends. */
async function runDeal(externalId: string, fail: (task: TaskView, reasons: { code: string; roles: string[]; stages: string[] }[]) => string | undefined): Promise<DealView> {
  const admin = await as("admin");
  if ((await services.routes.list({})).total === 0) await services.routes.publish(REFERENCE, admin);
  const reasons = (await services.reasons.list({ range: [0, 999] })).items;
  let { deal } = await services.deals.start(order(externalId), admin);
  for (let step = 0; step < 40 && deal.status === "running"; step++) {
    const open = ((await services.deals.get(deal.id, admin)).tasks ?? []).filter((task) => task.status === "open");
    assert.ok(open.length > 0, `the deal waits at no task (stage ${deal.stage})`);
    const task = open[0];
    const worker: Caller = await as(WORKER[task.role ?? ""] ?? "admin");
    const reason = fail(task, reasons);
    const success = task.outcomes.find((o) => o.kind === "success") ?? task.outcomes[0];
    const input = reason ? { outcome: "failure", reason } : { outcome: success?.kind === "success" ? "success" : (success?.flow ?? "success"), checklist: (task.checklist ?? []).filter((item) => item.required).map((item) => item.id) };
    deal = (await services.tasks.complete(task.id, input, worker)).deal;
  }
  return deal;
}
