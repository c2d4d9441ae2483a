import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";

const r = route()
  .start("s").gateway("eventBased", "g")
  .catch("paid", { kind: "message", message: "payment.received" })
  .catch("late", { kind: "timer", timer: { kind: "duration", expression: "PT2H" } })
  .task("ship").task("remind").end("e")
  .flow("s", "g").chain("g", "paid", "ship", "e").chain("g", "late", "remind", "e")
  .build();

describe("event-based gateway", () => {
  it("should wait at the gateway and schedule the timers of its timer targets", () => {
    // given
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    const token = deal.snapshot!.tokens[0];
    assert.equal(token.el, "g");
    assert.deepEqual(deal.of("timer.schedule"), [
      { type: "timer.schedule", token: token.id, timer: "late", element: "g", dueAt: "2026-03-02T11:00:00.000Z" },
    ]);
  });

  it("should let a message win and cancel the timer", () => {
    // given
    const deal = new DealDriver(r);
    deal.start();
    const token = deal.snapshot!.tokens[0].id;
    // when
    deal.send({ type: "message", name: "payment.received", payload: { paid: 100 } });
    // then
    assert.deepEqual(deal.waiting(), ["ship"]);
    assert.deepEqual(deal.of("timer.cancel"), [{ type: "timer.cancel", token, timer: "late" }]);
    assert.deepEqual(deal.snapshot?.vars, { paid: 100 });
  });

  it("should let the timer win, after which the message no longer matches", () => {
    // given
    const deal = new DealDriver(r);
    deal.start();
    const token = deal.snapshot!.tokens[0].id;
    // when
    deal.send({ type: "timer.fire", token, timer: "late" });
    // then
    assert.deepEqual(deal.waiting(), ["remind"]);
    assert.deepEqual(deal.of("timer.cancel"), []);
    assert.throws(() => deal.send({ type: "message", name: "payment.received" }), { code: "no_match" });
  });
});
