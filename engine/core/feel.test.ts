import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evalFeel, feelCondition, feelContext, plain } from "./feel.ts";

describe("FEEL", () => {
  const data = { total: 120, customer: { name: "Anna" }, items: [{ sku: "a", qty: 2 }, { sku: "b", qty: 1 }] };

  it("should see deal data and variables at top level and under deal / vars", () => {
    // given
    const context = feelContext(data, { paid: true, total: 99 }, { item: data.items[1] });
    // when / then
    assert.equal(evalFeel("= total", context), 99);
    assert.equal(evalFeel("deal.total", context), 120);
    assert.equal(evalFeel("vars.paid and customer.name = \"Anna\"", context), true);
    assert.equal(evalFeel("item.sku", context), "b");
    assert.equal(evalFeel("sum(for i in items return i.qty)", context), 3);
  });

  it("should hold a condition only when it yields true", () => {
    const context = feelContext(data, undefined);
    assert.equal(feelCondition("= total > 100", context), true);
    assert.equal(feelCondition("= missing > 100", context), false);
    assert.equal(feelCondition('= "yes"', context), false);
  });

  it("should refuse a malformed expression with an expression error naming the element", () => {
    assert.throws(() => evalFeel("= total >", {}, "gw1"), { code: "expression", element: "gw1" });
  });

  it("should turn temporal values into ISO strings", () => {
    assert.equal(plain(evalFeel('date and time("2026-03-02T10:00:00Z") + duration("PT1H")', {})), "2026-03-02T11:00:00Z");
    assert.deepEqual(plain(evalFeel('[duration("P1D")]', {})), ["P1D"]);
  });
});
