import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import type { Route } from "../../engine/core/index.ts";
import { DealDriver, NOW } from "../../engine/core/testing/driver.ts";
import { compileRoute } from "../../engine/model/index.ts";

const XML = readFileSync(new URL("./prepaid-order.bpmn", import.meta.url), "utf8");
const order = (paid: boolean) => ({
  externalId: "wc-727",
  customer: { name: "John Doe", phone: "+15555555555" },
  store: "store-1",
  fulfilment: { type: "pickup" },
  items: [{ sku: "93", name: "Woo Single #1", quantity: 2, price: 3 }],
  payment: { type: "prepaid", paid },
});

describe("route prepaid-order", () => {
  let route: Route;
  before(async () => {
    const compiled = await compileRoute(XML);
    assert.equal(compiled.ok, true, JSON.stringify(compiled.issues));
    route = compiled.route!;
  });

  it("should publish cleanly: no issue at all, not even a warning", async () => {
    // when
    const compiled = await compileRoute(XML);

    // then
    assert.deepEqual(compiled.issues, []);
    assert.deepEqual(route.stages.map((s) => [s.id, s.kind]), [["new", "open"], ["won", "won"], ["lost", "lost"], ["not_paid", "lost"]]);
  });

  it("should wait for payment.received for 30 minutes, then go on to the operator's verification when it arrives", () => {
    // given
    const deal = new DealDriver(route, order(false));
    deal.start();
    const [timer] = deal.of("timer.schedule");

    // when
    deal.now = new Date(NOW.getTime() + 10 * 60_000);
    deal.send({ type: "message", name: "payment.received", payload: { paidAt: "2026-03-02T09:10:00Z" } });

    // then
    assert.equal(timer.dueAt, "2026-03-02T09:30:00.000Z");
    assert.equal(timer.timer, "Event_payment_timeout");
    assert.deepEqual(deal.of("timer.cancel"), [{ type: "timer.cancel", token: timer.token, timer: "Event_payment_timeout" }]);
    assert.deepEqual(deal.waiting(), ["Task_verify_prepaid"]);
    assert.equal(deal.snapshot?.stage, "new");
    assert.equal(deal.of("task.create")[0].role, "operator");
    assert.equal(deal.snapshot?.vars?.paidAt, "2026-03-02T09:10:00Z");

    // and when the operator confirms
    deal.complete("Task_verify_prepaid");

    // then
    assert.equal(deal.snapshot?.status, "completed");
    assert.equal(deal.snapshot?.outcome, "won");
    assert.equal(deal.snapshot?.stage, "won");
  });

  it("should lose the deal at the stage not_paid with the reason not_paid when no payment comes within 30 minutes", () => {
    // given
    const deal = new DealDriver(route, order(false));
    deal.start();
    const [timer] = deal.of("timer.schedule");

    // when the clock reaches the due time and the timer fires
    deal.now = new Date(timer.dueAt);
    deal.send({ type: "timer.fire", token: timer.token, timer: timer.timer });

    // then
    assert.equal(deal.snapshot?.status, "completed");
    assert.equal(deal.snapshot?.outcome, "lost");
    assert.equal(deal.snapshot?.stage, "not_paid");
    const failure = { reason: "not_paid", at: "2026-03-02T09:30:00.000Z" };
    assert.deepEqual(deal.of("stage.change"), [{ type: "stage.change", to: "not_paid", kind: "lost", at: "2026-03-02T09:30:00.000Z", failure }]);
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "completed", outcome: "lost", failure }]);
    assert.deepEqual(deal.of("task.create"), []);
    assert.throws(() => deal.send({ type: "message", name: "payment.received" }), { code: "not_running" });
  });

  it("should not wait when the order came in paid", () => {
    // given
    const deal = new DealDriver(route, order(true));

    // when
    deal.start();

    // then
    assert.deepEqual(deal.of("timer.schedule"), []);
    assert.deepEqual(deal.waiting(), ["Task_verify_prepaid"]);
  });

  it("should end lost with the storefront's reason when the order is cancelled while waiting for payment", () => {
    // given
    const deal = new DealDriver(route, order(false));
    deal.start();
    const [timer] = deal.of("timer.schedule");

    // when
    deal.send({ type: "deal.cancel", reason: "customer_cancelled", actor: { role: "integrator" } });

    // then
    assert.equal(deal.snapshot?.status, "terminated");
    assert.equal(deal.snapshot?.stage, "lost");
    assert.equal(deal.snapshot?.failure?.reason, "customer_cancelled");
    assert.deepEqual(deal.of("timer.cancel"), [{ type: "timer.cancel", token: timer.token, timer: "Event_payment_timeout" }]);
  });
});
