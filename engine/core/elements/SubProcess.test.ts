import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";

describe("embedded sub-process and call activity", () => {
  const sub = route()
    .start("s")
    .subProcess("sub", (b) => b.start("ss").gateway("parallel", "f").task("pick").task("pack").end("se1").end("se2")
      .flow("ss", "f").chain("f", "pick", "se1").chain("f", "pack", "se2"))
    .task("after").end("e")
    .boundary("late", "sub", { kind: "timer", timer: { kind: "duration", expression: "PT4H" } })
    .task("escalate")
    .chain("s", "sub", "after", "e").chain("late", "escalate")
    .build();

  it("should run the sub-process content as children of a scope token", () => {
    // given
    const deal = new DealDriver(sub);
    // when
    deal.start();
    // then
    const scope = deal.snapshot!.tokens.find((t) => t.el === "sub")!;
    assert.deepEqual(deal.waiting(), ["pack", "pick", "sub"]);
    assert.equal(deal.task("pick").parent, scope.id);
    assert.equal(deal.task("pack").parent, scope.id);
    assert.deepEqual(deal.of("timer.schedule").map((e) => [e.token, e.timer]), [[scope.id, "late"]]);
  });

  it("should complete the scope and leave when no child token is left", () => {
    // given
    const deal = new DealDriver(sub);
    deal.start();
    const scope = deal.snapshot!.tokens.find((t) => t.el === "sub")!.id;
    // when
    deal.complete("pick");
    // then
    assert.deepEqual(deal.waiting(), ["pack", "sub"]);
    // when
    deal.complete("pack");
    // then
    assert.deepEqual(deal.waiting(), ["after"]);
    assert.deepEqual(deal.of("timer.cancel"), [{ type: "timer.cancel", token: scope, timer: "late" }]);
  });

  it("should cancel every task inside when an interrupting boundary of the sub-process fires", () => {
    // given
    const deal = new DealDriver(sub);
    deal.start();
    const scope = deal.snapshot!.tokens.find((t) => t.el === "sub")!.id;
    const inner = [deal.task("pick").id, deal.task("pack").id].sort();
    // when
    deal.send({ type: "timer.fire", token: scope, timer: "late" });
    // then
    assert.deepEqual(deal.of("task.cancel").map((e) => e.token).sort(), inner);
    assert.deepEqual(deal.waiting(), ["escalate"]);
  });

  it("should end only the sub-process on a terminate end event inside it", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("sub", (b) => b.start("ss").gateway("parallel", "f").task("a").task("b").end("stop", { result: { kind: "terminate" } }).end("se")
        .flow("ss", "f").chain("f", "a", "stop").chain("f", "b", "se"))
      .task("after").end("e")
      .chain("s", "sub", "after", "e")
      .build();
    const deal = new DealDriver(r);
    deal.start();
    const b = deal.task("b").id;
    // when
    deal.complete("a");
    // then
    assert.deepEqual(deal.of("task.cancel"), [{ type: "task.cancel", token: b, why: "terminated" }]);
    assert.deepEqual(deal.waiting(), ["after"]);
    assert.equal(deal.snapshot?.status, "running");
  });

  it("should run the called process of a call activity as a child scope and come back", () => {
    // given
    const r = route()
      .start("s").call("chain", "pickChain").task("after").end("e")
      .chain("s", "chain", "after", "e")
      .process("pickChain", (b) => b.start("cs").task("pick", { role: "store_admin" }).end("ce").chain("cs", "pick", "ce"))
      .build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    const scope = deal.snapshot!.tokens.find((t) => t.el === "chain")!.id;
    assert.equal(deal.task("pick").parent, scope);
    // when
    deal.complete("pick");
    // then
    assert.deepEqual(deal.waiting(), ["after"]);
  });

  it("should catch an error thrown in a called process on the call activity", () => {
    // given
    const r = route()
      .start("s").call("chain", "pickChain").task("after").task("fix").end("e")
      .boundary("err", "chain", { kind: "error", code: "MISSING" })
      .chain("s", "chain", "after", "e").chain("err", "fix", "e")
      .process("pickChain", (b) => b.start("cs").task("pick").end("ce", { result: { kind: "error", code: "MISSING" } }).chain("cs", "pick", "ce"))
      .build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("pick");
    // then
    assert.deepEqual(deal.waiting(), ["fix"]);
  });

  it("should pass an error up through a sub-process without a matching boundary to an outer one", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("outer", (o) => o.start("os")
        .subProcess("inner", (i) => i.start("is").gateway("parallel", "f").task("x").task("y").end("err", { result: { kind: "error", code: "E1" } })
          .flow("is", "f").chain("f", "x", "err").chain("f", "y"))
        .task("sibling").end("oe")
        .boundary("innerOther", "inner", { kind: "error", code: "E2" })
        .chain("os", "inner", "oe").chain("innerOther", "oe"))
      .task("recover").end("e")
      .boundary("outerCatch", "outer", { kind: "error", code: "E1" })
      .chain("s", "outer", "e").chain("outerCatch", "recover", "e")
      .build();
    const deal = new DealDriver(r);
    deal.start();
    const y = deal.task("y").id;
    // when
    deal.complete("x");
    // then
    assert.deepEqual(deal.of("task.cancel"), [{ type: "task.cancel", token: y, why: "interrupted" }]);
    assert.deepEqual(deal.waiting(), ["recover"]);
  });

  it("should terminate the deal when an error inside a sub-process is not caught", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("sub", (b) => b.start("ss").end("err", { result: { kind: "error", code: "E9" } }).chain("ss", "err"))
      .end("e").chain("s", "sub", "e")
      .build();
    // when
    const deal = new DealDriver(r);
    deal.start();
    // then
    assert.equal(deal.snapshot?.status, "terminated");
    assert.equal(deal.snapshot?.failure?.reason, "error:E9");
  });
});
