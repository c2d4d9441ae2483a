import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { Entities, type TimerRow } from "../store/index.ts";
import { createServices } from "./index.ts";
import type { Services } from "./contract.ts";
import { callerOf, order, prepare, timedRoute } from "./testing/fixture.ts";

let db: TestDatabase;
let clock = new Date("2026-05-01T10:00:00.000Z");
let services: Services;
const at = (iso: string) => new Date(iso);
const timersOf = (dealId: string) => db.dataSource.getRepository<TimerRow>(Entities.Timer).findOneByOrFail({ dealId });

before(async () => {
  db = await openTestDatabase();
  await prepare(db.dataSource, [timedRoute()], clock);
  services = createServices(db.dataSource, { now: () => clock, instanceId: "test-engine", claimLeaseMs: 60_000 });
});
after(() => db.close());

test("should record a timer that fails to fire, back it off and fire the other due timers", async () => {
  // given: two deals waiting at their timer; one deal's snapshot is broken, so firing its timer throws a TypeError
  clock = at("2026-05-01T10:00:00.000Z");
  const operator = await callerOf(db.dataSource, "operator");
  const broken = (await services.deals.start(order("ORD-BROKEN"), operator, { route: "timed" })).deal;
  const fine = (await services.deals.start(order("ORD-FINE"), operator, { route: "timed" })).deal;
  await db.dataSource.query("UPDATE deals SET snapshot = ? WHERE id = ?", [JSON.stringify({ status: "running", seq: 1 }), broken.id]);
  // when
  clock = at("2026-05-01T11:00:00.000Z");
  const fired = await services.timers.fireDue();
  const again = await services.timers.fireDue(); // still backing off: not claimed again
  // then
  assert.equal(fired, 1);
  assert.equal(again, 0);
  assert.equal((await timersOf(fine.id)).status, "fired");
  const failing = await timersOf(broken.id);
  assert.equal(failing.status, "pending");
  assert.equal(failing.attempts, 1);
  assert.match(failing.lastError ?? "", /TypeError/);

  // when: the backoff (1 s) has passed
  clock = at("2026-05-01T11:00:02.000Z");
  const retried = await services.timers.fireDue();
  // then: tried again, failed again, counted, backed off longer
  const twice = await timersOf(broken.id);
  assert.equal(retried, 0);
  assert.equal(twice.attempts, 2);
  assert.equal(twice.status, "pending");
  assert.ok(new Date(twice.claimedAt!).getTime() > new Date(failing.claimedAt!).getTime());
});

test("should stamp each claim with the time it was taken, not the time the call started", async () => {
  // given: 150 due timers of deals that no longer exist (each claim takes 100), and a clock that moves on every read
  clock = at("2026-05-02T10:00:00.000Z");
  const rows = Array.from({ length: 150 }, (_, n) => ({
    dealId: `gone-${n}`,
    routeVersionId: 1,
    token: "t1",
    timer: "wait",
    elementId: "wait",
    dueAt: at("2026-05-02T09:00:00.000Z"),
    status: "pending" as const,
    claimedBy: null,
    claimedAt: null,
    firedAt: null,
  }));
  await db.dataSource.getRepository<TimerRow>(Entities.Timer).insert(rows);
  const start = clock.getTime();
  let reads = 0;
  const moving = createServices(db.dataSource, { now: () => new Date(start + 1_000 * ++reads), instanceId: "moving-engine" });
  // when
  await moving.timers.fireDue();
  // then: two claims, each stamped later than the call's start, the second later than the first
  const claimed = (await db.dataSource.getRepository<TimerRow>(Entities.Timer).findBy({ claimedBy: "moving-engine" })).filter((timer) =>
    timer.dealId?.startsWith("gone-"),
  );
  const stamps = [...new Set(claimed.map((timer) => new Date(timer.claimedAt!).getTime()))].sort();
  assert.equal(claimed.length, 150);
  assert.equal(stamps.length, 2);
  assert.ok(stamps[0]! > start + 1_000, "the first claim is stamped after the call read its start time");
  assert.ok(stamps[1]! > stamps[0]!);
});
