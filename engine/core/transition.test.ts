import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "./testing/route-builder.ts";
import { DealDriver, NOW } from "./testing/driver.ts";
import { transition, initialSnapshot } from "./transition.ts";
import { findMessageStart, nextStartTimer, nextStartTimers, waitingTasks, awaitedMessages } from "./helpers.ts";

const starts = route()
  .stage("new").stage("lost", "lost")
  .start("web").start("byPhone", { kind: "message", message: "call.received" })
  .start("nightly", { kind: "timer", timer: { kind: "cycle", expression: "0 2 * * *" } })
  .task("verify", { stage: "new" }).task("callback", { stage: "new" }).end("e")
  .chain("web", "verify", "e").chain("byPhone", "callback", "e").chain("nightly", "verify")
  .build();

describe("transition", () => {
  it("should start at the none start event unless another start event is named", () => {
    // given
    const a = new DealDriver(starts);
    const b = new DealDriver(starts);
    // when
    a.start();
    b.start(findMessageStart(starts, "call.received"));
    // then
    assert.deepEqual(a.waiting(), ["verify"]);
    assert.deepEqual(b.waiting(), ["callback"]);
    assert.equal(findMessageStart(starts, "nothing"), undefined);
  });

  it("should refuse to start twice and to run events on an ended or missing deal", () => {
    // given
    const deal = new DealDriver(starts);
    deal.start();
    // when / then
    assert.throws(() => transition(starts, deal.snapshot, { type: "deal.start", data: {} }, NOW), { code: "already_started" });
    assert.throws(() => transition(starts, undefined, { type: "message", name: "x" }, NOW), { code: "not_running" });
    deal.send({ type: "deal.cancel", reason: "duplicate" });
    assert.throws(() => deal.send({ type: "message", name: "x" }), { code: "not_running" });
    assert.throws(() => transition(starts, undefined, { type: "deal.start", data: {}, startEvent: "verify" }, NOW), { code: "invalid_route" });
  });

  it("should cancel every task and end the deal terminated and lost on deal.cancel", () => {
    // given
    const deal = new DealDriver(starts);
    deal.start();
    const token = deal.task("verify").id;
    // when
    deal.send({ type: "deal.cancel", reason: "duplicate", actor: { user: "op1", role: "operator" } });
    // then
    const failure = { reason: "duplicate", role: "operator", user: "op1", stage: "new", at: NOW.toISOString() };
    assert.deepEqual(deal.effects, [
      { type: "task.cancel", token, why: "cancelled" },
      { type: "stage.change", from: "new", to: "lost", kind: "lost", at: NOW.toISOString(), failure },
      { type: "deal.end", status: "terminated", outcome: "lost", failure },
    ]);
    assert.deepEqual(deal.snapshot, { status: "terminated", outcome: "lost", stage: "lost", tokens: [], seq: 2, failure });
    assert.throws(() => transition(starts, initialSnapshot(), { type: "deal.cancel", reason: "" }, NOW), { code: "reason_required" });
  });

  it("should refuse a route that loops without waiting", () => {
    // given
    const r = route().start("s").gateway("exclusive", "x").throw("again").end("e")
      .flow("s", "x").flow("x", "again", { condition: "= true" }).flow("x", "e", { condition: "= false" }).chain("again", "x").build();
    // when / then
    assert.throws(() => new DealDriver(r).start(), { code: "loop" });
  });

  it("should complete at once a route with no waiting element", () => {
    // when
    const { snapshot, effects } = transition(route().start("s").end("e").chain("s", "e").build(), undefined, { type: "deal.start", data: {} }, NOW);
    // then
    assert.equal(snapshot.status, "completed");
    assert.deepEqual(effects, [{ type: "deal.end", status: "completed" }]);
  });
});

describe("helpers", () => {
  it("should give the first due dates of timer start events, then the next ones of cycles", () => {
    // given
    const r = route()
      .start("nightly", { kind: "timer", timer: { kind: "cycle", expression: "0 2 * * *" } })
      .start("thrice", { kind: "timer", timer: { kind: "cycle", expression: "R3/PT1H" } })
      .start("once", { kind: "timer", timer: { kind: "date", expression: "2026-04-01T00:00:00Z" } })
      .start("past", { kind: "timer", timer: { kind: "date", expression: "2026-01-01T00:00:00Z" } })
      .end("e").chain("nightly", "e").chain("thrice", "e").chain("once", "e").chain("past", "e")
      .build();
    // when
    const due = nextStartTimers(r, NOW);
    // then
    assert.deepEqual(due, [
      { element: "nightly", dueAt: "2026-03-03T02:00:00.000Z" },
      { element: "thrice", dueAt: "2026-03-02T10:00:00.000Z", left: 2 },
      { element: "once", dueAt: "2026-04-01T00:00:00.000Z" },
    ]);
    assert.deepEqual(nextStartTimer(r, "nightly", new Date("2026-03-03T02:00:00Z")), { element: "nightly", dueAt: "2026-03-04T02:00:00.000Z" });
    assert.deepEqual(nextStartTimer(r, "thrice", new Date("2026-03-02T10:00:00Z"), 2), { element: "thrice", dueAt: "2026-03-02T11:00:00.000Z", left: 1 });
    assert.equal(nextStartTimer(r, "thrice", new Date("2026-03-02T12:00:00Z"), 0), undefined);
    assert.equal(nextStartTimer(r, "once", new Date("2026-04-01T00:00:00Z")), undefined);
  });

  it("should list waiting task tokens and awaited messages", () => {
    // given
    const r = route().start("s").gateway("parallel", "f").task("a").receive("r", "paid").end("e1").end("e2")
      .boundary("b", "a", { kind: "message", message: "cancelled" })
      .flow("s", "f").chain("f", "a", "e1").chain("f", "r", "e2").build();
    const deal = new DealDriver(r);
    deal.start();
    // when / then
    assert.deepEqual(waitingTasks(r, deal.snapshot!).map((t) => t.el), ["a"]);
    assert.deepEqual(awaitedMessages(r, deal.snapshot!).sort(), ["cancelled", "paid"]);
  });
});
