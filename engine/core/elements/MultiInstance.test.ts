import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";

const items = [{ sku: "kvass" }, { sku: "kefir" }, { sku: "eggs" }];

function picking(sequential: boolean) {
  return route()
    .start("s")
    .task("pick", { role: "store_admin", failureAllowed: true, multiInstance: { collection: "= items", elementVariable: "item", sequential } })
    .task("pack").task("disband").task("call").end("e")
    .flow("s", "pick")
    .flow("pick", "pack", { id: "ok" })
    .flow("pick", "disband", { id: "ko", outcome: { kind: "failure", label: "Missing" } })
    .flow("pick", "call", { id: "ask", outcome: { kind: "custom", label: "Ask the customer" } })
    .chain("pack", "e").chain("disband", "e").chain("call", "e")
    .build();
}

describe("multi-instance user task", () => {
  it("should create one task per item at once when parallel, each with its item", () => {
    // given
    const deal = new DealDriver(picking(false), { items });
    // when
    deal.start();
    // then
    const created = deal.of("task.create");
    assert.deepEqual(created.map((e) => e.mi), items.map((item, index) => ({ index, item })));
    assert.deepEqual(created.map((e) => e.context), items.map((item) => ({ item })));
    assert.equal(deal.tasks("pick").length, 3);
  });

  it("should leave when every instance succeeded", () => {
    // given
    const deal = new DealDriver(picking(false), { items });
    deal.start();
    const [a, b, c] = deal.tasks("pick").map((t) => t.id);
    // when
    deal.send({ type: "task.complete", token: b, outcome: "success" });
    deal.send({ type: "task.complete", token: a, outcome: "success" });
    // then
    assert.deepEqual(deal.waiting(), ["pick", "pick"]);
    // when
    deal.send({ type: "task.complete", token: c, outcome: "success" });
    // then
    assert.deepEqual(deal.waiting(), ["pack"]);
  });

  it("should cancel the other instances when one fails, and leave along the failure flow", () => {
    // given
    const deal = new DealDriver(picking(false), { items });
    deal.start();
    const [a, b, c] = deal.tasks("pick").map((t) => t.id);
    deal.send({ type: "task.complete", token: a, outcome: "success" });
    // when
    deal.send({ type: "task.complete", token: b, outcome: "failure", reason: "out_of_stock" });
    // then
    assert.deepEqual(deal.of("task.cancel"), [{ type: "task.cancel", token: c, why: "cancelled" }]);
    assert.deepEqual(deal.waiting(), ["disband"]);
    assert.equal(deal.snapshot?.failure?.reason, "out_of_stock");
  });

  it("should leave along a custom outcome of one instance", () => {
    // given
    const deal = new DealDriver(picking(false), { items });
    deal.start();
    const [a] = deal.tasks("pick").map((t) => t.id);
    // when
    deal.send({ type: "task.complete", token: a, outcome: "ask" });
    // then
    assert.deepEqual(deal.waiting(), ["call"]);
    assert.equal(deal.of("task.cancel").length, 2);
  });

  it("should create one instance at a time when sequential", () => {
    // given
    const deal = new DealDriver(picking(true), { items });
    deal.start();
    assert.deepEqual(deal.of("task.create").map((e) => e.mi), [{ index: 0, item: items[0] }]);
    // when
    deal.complete("pick");
    // then
    assert.deepEqual(deal.of("task.create").map((e) => e.mi), [{ index: 1, item: items[1] }]);
    // when
    deal.complete("pick");
    deal.complete("pick", "failure", { reason: "broken" });
    // then
    assert.deepEqual(deal.waiting(), ["disband"]);
    assert.deepEqual(deal.of("task.cancel"), []);
  });

  it("should pass straight through an empty collection", () => {
    // given
    const deal = new DealDriver(picking(false), { items: [] });
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["pack"]);
  });

  it("should refuse a collection that is not a list", () => {
    // given
    const deal = new DealDriver(picking(false), { items: "none" });
    // when / then
    assert.throws(() => deal.start(), { code: "expression" });
  });

  it("should refuse to complete the multi-instance body itself", () => {
    // given
    const deal = new DealDriver(picking(false), { items });
    deal.start();
    const body = deal.snapshot!.tokens.find((t) => t.loop)!;
    // when / then
    assert.throws(() => deal.send({ type: "task.complete", token: body.id, outcome: "success" }), { code: "not_waiting" });
  });
});
