import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver, NOW } from "../testing/driver.ts";

function withBoundary(trigger: Parameters<ReturnType<typeof route>["boundary"]>[2], interrupting: boolean) {
  return route()
    .start("s").task("work").task("escalate").end("done").end("escalated")
    .boundary("b", "work", trigger, interrupting)
    .chain("s", "work", "done").chain("b", "escalate", "escalated")
    .build();
}

describe("boundary events", () => {
  it("should schedule a boundary timer when the task starts waiting, keyed by the task token and the boundary id", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "timer", timer: { kind: "duration", expression: "PT1H" } }, true));
    // when
    deal.start();
    // then
    const token = deal.task("work").id;
    assert.deepEqual(deal.of("timer.schedule"), [{ type: "timer.schedule", token, timer: "b", element: "work", dueAt: "2026-03-02T10:00:00.000Z" }]);
  });

  it("should cancel the boundary timer when the task completes", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "timer", timer: { kind: "duration", expression: "PT1H" } }, true));
    deal.start();
    const token = deal.task("work").id;
    // when
    deal.complete("work");
    // then
    assert.deepEqual(deal.of("timer.cancel"), [{ type: "timer.cancel", token, timer: "b" }]);
  });

  it("should interrupt the task when an interrupting timer fires", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "timer", timer: { kind: "duration", expression: "PT1H" } }, true));
    deal.start();
    const token = deal.task("work").id;
    // when
    deal.send({ type: "timer.fire", token, timer: "b" });
    // then
    assert.deepEqual(deal.of("task.cancel"), [{ type: "task.cancel", token, why: "interrupted" }]);
    assert.deepEqual(deal.of("timer.cancel"), []);
    assert.deepEqual(deal.waiting(), ["escalate"]);
  });

  it("should keep the task and repeat a non-interrupting cycle timer until its repetitions end", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "timer", timer: { kind: "cycle", expression: "R3/PT10H" } }, false));
    deal.start();
    const token = deal.task("work").id;
    const due: string[] = [deal.of("timer.schedule")[0].dueAt];
    // when: it fires three times
    for (let i = 1; i <= 3; i++) {
      deal.now = new Date(NOW.getTime() + i * 10 * 3_600_000);
      deal.send({ type: "timer.fire", token, timer: "b" });
      due.push(...deal.of("timer.schedule").map((e) => e.dueAt));
    }
    // then
    assert.deepEqual(due, ["2026-03-02T19:00:00.000Z", "2026-03-03T05:00:00.000Z", "2026-03-03T15:00:00.000Z"]);
    assert.equal(deal.tasks("work").length, 1);
    assert.equal(deal.tasks("escalate").length, 3);
    assert.equal(deal.snapshot?.tokens.find((t) => t.id === token)?.rep, undefined);
  });

  it("should repeat an unbounded non-interrupting cycle forever", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "timer", timer: { kind: "cycle", expression: "R/PT5M" } }, false));
    deal.start();
    const token = deal.task("work").id;
    // when
    deal.send({ type: "timer.fire", token, timer: "b" });
    // then
    assert.deepEqual(deal.of("timer.schedule").map((e) => e.dueAt), ["2026-03-02T09:05:00.000Z"]);
  });

  it("should interrupt the task on a message boundary", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "message", message: "order.cancelled" }, true));
    deal.start();
    const token = deal.task("work").id;
    // when
    deal.send({ type: "message", name: "order.cancelled" });
    // then
    assert.deepEqual(deal.of("task.cancel"), [{ type: "task.cancel", token, why: "interrupted" }]);
    assert.deepEqual(deal.waiting(), ["escalate"]);
  });

  it("should keep the task on a non-interrupting message boundary", () => {
    // given
    const deal = new DealDriver(withBoundary({ kind: "message", message: "customer.called" }, false));
    deal.start();
    // when
    deal.send({ type: "message", name: "customer.called" });
    // then
    assert.deepEqual(deal.waiting(), ["escalate", "work"]);
    assert.deepEqual(deal.of("task.cancel"), []);
  });

  it("should catch an error thrown inside a sub-process with a matching error boundary", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("sub", (b) => b.start("ss").task("inner").end("boom", { result: { kind: "error", code: "NO_STOCK" } }).chain("ss", "inner", "boom"))
      .task("other").task("fix").end("e").end("e2")
      .boundary("wrong", "sub", { kind: "error", code: "OTHER" })
      .boundary("caught", "sub", { kind: "error", code: "NO_STOCK" })
      .chain("s", "sub", "other", "e").chain("caught", "fix", "e2").chain("wrong", "e2")
      .build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("inner");
    // then
    assert.deepEqual(deal.waiting(), ["fix"]);
    assert.equal(deal.snapshot?.status, "running");
  });

  it("should catch any error with an error boundary without a code", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("sub", (b) => b.start("ss").end("boom", { result: { kind: "error", code: "X" } }).chain("ss", "boom"))
      .task("fix").end("e")
      .boundary("any", "sub", { kind: "error" })
      .chain("s", "sub", "e").chain("any", "fix")
      .build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["fix"]);
  });
});
