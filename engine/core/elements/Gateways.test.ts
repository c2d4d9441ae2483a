import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";
import { engineErrorCode } from "../testing/assert-code.ts";

describe("exclusive gateway", () => {
  const r = route()
    .start("s").gateway("exclusive", "x", "toC").task("a").task("b").task("c").end("e")
    .flow("s", "x")
    .flow("x", "a", { condition: "= total > 100" })
    .flow("x", "b", { condition: "= total > 10" })
    .flow("x", "c", { id: "toC" })
    .chain("a", "e").chain("b", "e").chain("c", "e")
    .build();

  it("should take the first flow whose condition holds, in document order", () => {
    // given
    const deal = new DealDriver(r, { total: 500 });
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["a"]);
  });

  it("should take the default flow when no condition holds", () => {
    // given
    const deal = new DealDriver(r, { total: 1 });
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["c"]);
  });

  it("should refuse with no_path when nothing holds and there is no default", () => {
    // given
    const noDefault = route().start("s").gateway("exclusive", "x").task("a").end("e")
      .flow("s", "x").flow("x", "a", { condition: "= false" }).chain("a", "e").build();
    // when / then
    assert.equal(engineErrorCode(() => new DealDriver(noDefault).start()), "no_path");
  });

  it("should refuse with expression when a condition does not parse", () => {
    // given
    const broken = route().start("s").gateway("exclusive", "x").end("e")
      .flow("s", "x").flow("x", "e", { condition: "= total >" }).build();
    // when / then
    assert.equal(engineErrorCode(() => new DealDriver(broken).start()), "expression");
  });
});

describe("parallel gateway", () => {
  const r = route()
    .start("s").gateway("parallel", "fork").task("a").task("b").gateway("parallel", "join").task("after").end("e")
    .flow("s", "fork").chain("fork", "a", "join").chain("fork", "b", "join").chain("join", "after", "e")
    .build();

  it("should fork along every flow", () => {
    // given
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["a", "b"]);
  });

  it("should join only when every branch has arrived", () => {
    // given
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("a");
    // then
    assert.deepEqual(deal.waiting(), ["b"]);
    assert.deepEqual(deal.snapshot?.joins, { "join@main": ["a-join"] });
    // when
    deal.complete("b");
    // then
    assert.deepEqual(deal.waiting(), ["after"]);
    assert.equal(deal.snapshot?.joins, undefined);
  });
});

describe("parallel join missing an inbound flow", () => {
  const late = { kind: "timer" as const, timer: { kind: "duration" as const, expression: "PT1H" } };
  const stuck = route()
    .start("s").task("a").boundary("late", "a", late).gateway("parallel", "join").end("e")
    .chain("s", "a", "join", "e").chain("late", "join")
    .build();

  it("should keep the deal running, stuck at the join, when only its arrivals are left", () => {
    // given
    const deal = new DealDriver(stuck);
    deal.start();
    // when
    const effects = deal.complete("a");
    // then
    assert.equal(deal.snapshot?.status, "running");
    assert.deepEqual(deal.waiting(), []);
    assert.deepEqual(deal.snapshot?.joins, { "join@main": ["a-join"] });
    assert.deepEqual(effects.filter((e) => e.type === "deal.end"), []);
  });

  it("should still let a stuck deal be cancelled", () => {
    // given
    const deal = new DealDriver(stuck);
    deal.start();
    deal.complete("a");
    // when
    deal.send({ type: "deal.cancel", reason: "stuck" });
    // then
    assert.equal(deal.snapshot?.status, "terminated");
    assert.equal(deal.snapshot?.joins, undefined);
  });

  it("should keep an inclusive join waiting while a stuck parallel join before it holds arrivals", () => {
    // given
    const r = route()
      .start("s").gateway("parallel", "fork").task("x").task("a").boundary("late", "a", late)
      .gateway("parallel", "pj").gateway("inclusive", "ij").end("e")
      .chain("s", "fork", "x", "ij").chain("fork", "a", "pj", "ij", "e").chain("late", "pj")
      .build();
    const deal = new DealDriver(r);
    deal.start();
    deal.complete("x");
    // when
    deal.complete("a");
    // then
    assert.equal(deal.snapshot?.status, "running");
    assert.deepEqual(deal.snapshot?.joins, { "ij@main": ["x-ij"], "pj@main": ["a-pj"] });
  });

  it("should not complete a sub-process whose only state is arrivals at its join", () => {
    // given
    const r = route()
      .start("s")
      .subProcess("sub", (b) => b.start("ss").task("a").boundary("late", "a", late).gateway("parallel", "join").end("se")
        .chain("ss", "a", "join", "se").chain("late", "join"))
      .task("after").end("e").chain("s", "sub", "after", "e")
      .build();
    const deal = new DealDriver(r);
    deal.start();
    const scope = deal.snapshot!.tokens.find((t) => t.el === "sub")!.id;
    // when
    deal.complete("a");
    // then
    assert.equal(deal.snapshot?.status, "running");
    assert.deepEqual(deal.waiting(), ["sub"]);
    assert.deepEqual(deal.snapshot?.joins, { [`join@${scope}`]: ["a-join"] });
  });
});

describe("inclusive gateway", () => {
  const r = route()
    .start("s").gateway("inclusive", "fork", "toC").task("a").task("b").task("c").gateway("inclusive", "join").task("after").end("e")
    .flow("s", "fork")
    .flow("fork", "a", { condition: "= wantA" })
    .flow("fork", "b", { condition: "= wantB" })
    .flow("fork", "c", { id: "toC" })
    .chain("a", "join").chain("b", "join").chain("c", "join").chain("join", "after", "e")
    .build();

  it("should fork along every flow whose condition holds", () => {
    // given
    const deal = new DealDriver(r, { wantA: true, wantB: true });
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["a", "b"]);
  });

  it("should take the default flow when no condition holds", () => {
    // given
    const deal = new DealDriver(r, { wantA: false, wantB: false });
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["c"]);
  });

  it("should join after a partial fork once the only live branch arrives", () => {
    // given
    const deal = new DealDriver(r, { wantA: true, wantB: false });
    deal.start();
    assert.deepEqual(deal.waiting(), ["a"]);
    // when
    deal.complete("a");
    // then
    assert.deepEqual(deal.waiting(), ["after"]);
    assert.equal(deal.snapshot?.joins, undefined);
  });

  it("should wait at the join while another branch can still reach it, then fire once", () => {
    // given
    const deal = new DealDriver(r, { wantA: true, wantB: true });
    deal.start();
    // when
    deal.complete("b");
    // then
    assert.deepEqual(deal.waiting(), ["a"]);
    // when
    deal.complete("a");
    // then
    assert.deepEqual(deal.waiting(), ["after"]);
    assert.equal(deal.of("task.create").length, 1);
  });

  it("should refuse with no_path when nothing holds and there is no default", () => {
    // given
    const noDefault = route().start("s").gateway("inclusive", "x").end("e")
      .flow("s", "x").flow("x", "e", { condition: "= false" }).build();
    // when / then
    assert.equal(engineErrorCode(() => new DealDriver(noDefault).start()), "no_path");
  });
});
