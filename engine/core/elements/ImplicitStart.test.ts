import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";

describe("implicit start (a scope without start events)", () => {
  it("should start a deal at every node of the main process that no flow enters", () => {
    // given
    const r = route().task("pick").task("call").end("e1").end("e2").chain("pick", "e1").chain("call", "e2").build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    assert.deepEqual(r.processes.main.start, ["pick", "call"]);
    assert.deepEqual(deal.waiting(), ["call", "pick"]);
  });

  it("should refuse to start an implicitly started deal at a named element, which is no start event", () => {
    // given
    const r = route().task("pick").end("e").chain("pick", "e").build();
    // when / then
    assert.throws(() => new DealDriver(r).start("pick"), { code: "invalid_route" });
  });

  it("should start a sub-process without start event at its nodes that no flow enters", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("sub", (b) => b.task("pick").task("pack").end("se").chain("pick", "pack", "se"))
      .end("e").chain("s", "sub", "e")
      .build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    const scope = deal.snapshot!.tokens.find((t) => t.el === "sub")!;
    assert.deepEqual(deal.waiting(), ["pick", "sub"]);
    assert.equal(deal.task("pick").parent, scope.id);
    // when
    deal.complete("pick");
    deal.complete("pack");
    // then
    assert.equal(deal.snapshot?.status, "completed");
  });

  it("should start a called process without start event at its nodes that no flow enters", () => {
    // given
    const r = route()
      .start("s").call("ca", "called").end("e").chain("s", "ca", "e")
      .process("called", (b) => b.task("check", { manual: true }).plain("note").end("ce").chain("check", "note", "ce"))
      .build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["ca", "check"]);
    // when
    deal.complete("check");
    // then
    assert.equal(deal.snapshot?.status, "completed");
  });

  it("should not start boundary events nor link catch events of a scope without start events", () => {
    // given
    const r = route()
      .task("a").boundary("late", "a", { kind: "timer", timer: { kind: "duration", expression: "PT1H" } })
      .catch("land", { kind: "link", link: "L" }).end("e1").end("e2")
      .chain("a", "e1").chain("late", "e2").chain("land", "e2")
      .build();
    // when
    const deal = new DealDriver(r);
    deal.start();
    // then
    assert.deepEqual(r.processes.main.start, ["a"]);
    assert.deepEqual(deal.waiting(), ["a"]);
  });
});
