import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { route } from "../core/testing/route-builder.ts";
import { Entities, type DealRow, type TimerRow } from "../store/index.ts";
import { createServices } from "./index.ts";
import { createContext } from "./context.ts";
import { publishCompiled } from "./routes.service.ts";
import type { Services } from "./contract.ts";
import { callerOf, order, prepare, timedRoute } from "./testing/fixture.ts";

let db: TestDatabase;
let clock = new Date("2026-05-01T10:00:00.000Z");
let services: Services;
const at = (iso: string) => new Date(iso);

const everyHourRoute = route("hourly")
  .stage("new").stage("done", "won")
  .start("tick", { kind: "timer", timer: { kind: "cycle", expression: "0 * * * *" } })
  .task("check", { role: "operator", stage: "new" })
  .end("won", { outcome: "won", stage: "done" })
  .flow("tick", "check")
  .flow("check", "won", { id: "check-ok", outcome: { kind: "success", label: "Checked" } })
  .build();

before(async () => {
  db = await openTestDatabase();
  await prepare(db.dataSource, [timedRoute()], clock);
  services = createServices(db.dataSource, { now: () => clock, instanceId: "test-engine" });
});
after(() => db.close());

test("should fire a deal's timer once when it is due, and not before", async () => {
  // given
  clock = at("2026-05-01T10:00:00.000Z");
  const { deal } = await services.deals.start(order("ORD-TIMER"), await callerOf(db.dataSource, "operator"), { route: "timed" });
  const timers = () => db.dataSource.getRepository<TimerRow>(Entities.Timer).findBy({ dealId: deal.id });
  assert.equal((await timers())[0].dueAt.toISOString(), "2026-05-01T11:00:00.000Z");
  // when
  const early = await services.timers.fireDue(at("2026-05-01T10:59:59.999Z"));
  clock = at("2026-05-01T13:00:00.000Z"); // the server was down when it fell due
  const late = await services.timers.fireDue();
  const again = await services.timers.fireDue();
  // then
  assert.equal(early, 0);
  assert.ok(late >= 1);
  assert.equal(again, 0);
  const [timer] = await timers();
  assert.equal(timer.status, "fired");
  assert.equal(timer.claimedBy, "test-engine");
  const full = await services.deals.get(deal.id, await callerOf(db.dataSource, "admin"));
  assert.equal(full.stage, "calling");
  assert.deepEqual(full.tasks?.map((task) => [task.element, task.status]), [["call", "open"]]);
  assert.equal(full.audit?.filter((entry) => entry.action === "timer.fired").length, 1);
});

test("should start a deal from a route's timer start event once and schedule the next occurrence", async () => {
  // given: the hourly route is published at 13:30
  clock = at("2026-05-01T13:30:00.000Z");
  const published = await publishCompiled(createContext(db.dataSource, { now: () => clock }), everyHourRoute, { xml: "<definitions/>" });
  const pending = () => db.dataSource.getRepository<TimerRow>(Entities.Timer).findBy({ routeVersionId: published.id, status: "pending" });
  const hourlyDeals = () => db.dataSource.getRepository<DealRow>(Entities.Deal).findBy({ routeKey: "hourly" });
  assert.deepEqual((await pending()).map((t) => [t.dealId, t.timer, t.dueAt.toISOString()]), [[null, "tick", "2026-05-01T14:00:00.000Z"]]);
  // when
  const early = await services.timers.fireDue(at("2026-05-01T13:59:59.000Z"));
  clock = at("2026-05-01T14:00:05.000Z");
  const due = await services.timers.fireDue();
  const again = await services.timers.fireDue();
  // then
  assert.deepEqual([early, due, again], [0, 1, 0]);
  const deals = await hourlyDeals();
  assert.equal(deals.length, 1);
  assert.equal(deals[0].stage, "new");
  assert.deepEqual((await pending()).map((t) => t.dueAt.toISOString()), ["2026-05-01T15:00:00.000Z"]);
});
