import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Entities, type AuditRow, type DealRow } from "../store/index.ts";
import type { Services } from "./contract.ts";
import { dealIntake, type DealIntake } from "./deal-intake.ts";
import { createContext } from "./context.ts";
import { callerOf, openPreparedRuntime, order } from "./testing/fixture.ts";
import type { TestDatabase } from "../../test/support/db.ts";

let db: TestDatabase;
let services: Services;
let intake: DealIntake;
before(async () => {
  ({ db, services } = await openPreparedRuntime(new Date("2026-05-01T10:00:00Z")));
  intake = dealIntake(createContext(db.dataSource, { now: () => new Date("2026-05-01T10:00:00Z") }), services.deals);
});
after(() => db.close());

test("should start orders arriving together in one batch, each with its own deal, tasks and audit", async () => {
  // given
  const integrator = await callerOf(db.dataSource, "integrator");
  // when
  const results = await Promise.all(["B-1", "B-2", "B-3", "B-4"].map((id) => intake.start(order(id), integrator)));
  // then
  assert.deepEqual(results.map((r) => [r.deal.externalId, r.created, r.deal.status]), [["B-1", true, "running"], ["B-2", true, "running"], ["B-3", true, "running"], ["B-4", true, "running"]]);
  const deals = await db.dataSource.getRepository<DealRow>(Entities.Deal).findBy({ routeKey: "order-fulfilment" });
  assert.equal(deals.length, 4);
  const started = await db.dataSource.getRepository<AuditRow>(Entities.Audit).findBy({ action: "deal.started" });
  assert.deepEqual(started.map((a) => (a.payload as { externalId: string }).externalId).sort(), ["B-1", "B-2", "B-3", "B-4"]);
  for (const result of results) assert.equal((await services.deals.get(result.deal.id, await callerOf(db.dataSource, "admin"))).tasks?.length, 1);
});

test("should give each order of a failed batch its own answer: a repeat gets the same deal, a refusal its own error", async () => {
  // given a batch with a repeat of an earlier order, the same new order twice, and an order on an unpublished route
  const integrator = await callerOf(db.dataSource, "integrator");
  const earlier = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ externalId: "B-1" });
  // when
  const settled = await Promise.allSettled([
    intake.start(order("B-1"), integrator),
    intake.start(order("C-1"), integrator),
    intake.start(order("C-1"), integrator),
    intake.start(order("C-2"), integrator, { route: "nowhere" }),
    intake.start(order("C-3"), integrator),
  ]);
  // then
  const value = (i: number) => (settled[i] as PromiseFulfilledResult<{ deal: { id: string; externalId: string }; created: boolean }>).value;
  assert.deepEqual([value(0).deal.id, value(0).created], [earlier.id, false]);
  assert.equal(value(1).deal.id, value(2).deal.id);
  assert.deepEqual([value(1).created, value(2).created].sort(), [false, true]);
  assert.equal(settled[3]!.status, "rejected");
  assert.equal((settled[3] as PromiseRejectedResult).reason.status, 422);
  assert.deepEqual([value(4).deal.externalId, value(4).created], ["C-3", true]);
  assert.equal(await db.dataSource.getRepository<DealRow>(Entities.Deal).countBy({ externalId: "C-1" }), 1);
  assert.equal(await db.dataSource.getRepository<DealRow>(Entities.Deal).countBy({ externalId: "C-2" }), 0);
});

test("should refuse an invalid order at once, naming the field, without joining a batch", async () => {
  const integrator = await callerOf(db.dataSource, "integrator");
  await assert.rejects(intake.start({ ...order("D-1"), items: [] }, integrator), (error: { status: number; errors: { pointer: string }[] }) => error.status === 422 && error.errors.some((e) => e.pointer === "/items"));
});
