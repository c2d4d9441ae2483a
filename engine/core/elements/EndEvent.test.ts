import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver, NOW } from "../testing/driver.ts";

describe("end events", () => {
  it("should end the deal only when no token is left, with the outcome of the last end event reached", () => {
    // given
    const r = route().stage("work").stage("done", "won")
      .start("s").gateway("parallel", "f").task("a", { stage: "work" }).task("b", { stage: "work" }).end("ea", { outcome: "won" }).end("eb")
      .flow("s", "f").chain("f", "a", "ea").chain("f", "b", "eb").build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("a");
    // then
    assert.deepEqual(deal.of("stage.change").map((e) => e.to), ["done"]);
    assert.deepEqual(deal.of("deal.end"), []);
    // when
    deal.complete("b");
    // then
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "completed", outcome: "won" }]);
  });

  it("should use the end event's own stage when it names one", () => {
    // given
    const r = route().stage("open").stage("won1", "won").stage("won2", "won")
      .start("s").end("e", { outcome: "won", stage: "won2" }).chain("s", "e").build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    assert.deepEqual(deal.of("stage.change").map((e) => e.to), ["won2"]);
  });

  it("should cancel everything and end the deal on a terminate end event of the main process", () => {
    // given
    const r = route().stage("lost", "lost")
      .start("s").gateway("parallel", "f").task("a").receive("r", "m").end("stop", { outcome: "lost", result: { kind: "terminate" } }).end("e")
      .flow("s", "f").chain("f", "a", "stop").chain("f", "r", "e").build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("a");
    // then
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "completed", outcome: "lost" }]);
    assert.deepEqual(deal.snapshot?.tokens, []);
    assert.equal(deal.snapshot?.stage, "lost");
  });

  it("should terminate the deal as lost on an uncaught error, recording error:<code>", () => {
    // given
    const r = route().stage("work").stage("lost", "lost")
      .start("s").task("a", { stage: "work" }).end("boom", { result: { kind: "error", code: "BROKEN" } }).chain("s", "a", "boom").build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("a");
    // then
    const failure = { reason: "error:BROKEN", stage: "work", at: NOW.toISOString() };
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "terminated", outcome: "lost", failure }]);
    assert.deepEqual(deal.of("stage.change"), [{ type: "stage.change", from: "work", to: "lost", kind: "lost", at: NOW.toISOString(), failure }]);
    assert.equal(deal.snapshot?.status, "terminated");
  });
});
