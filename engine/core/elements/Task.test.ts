import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";

describe("task without a type", () => {
  it("should pass the token straight through, creating no task and waiting nowhere", () => {
    // given
    const r = route().start("s").plain("note").task("pack").end("e").chain("s", "note", "pack", "e").build();
    const deal = new DealDriver(r);
    // when
    const effects = deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["pack"]);
    assert.deepEqual(effects.filter((e) => e.type === "task.create").map((e) => e.type === "task.create" && e.element), ["pack"]);
  });

  it("should leave along every outgoing flow and end the deal when nothing else waits", () => {
    // given
    const r = route().start("s").plain("fan").end("e1").end("e2").chain("s", "fan", "e1").flow("fan", "e2").build();
    const deal = new DealDriver(r);
    // when
    const effects = deal.start();
    // then
    assert.equal(deal.snapshot?.status, "completed");
    assert.deepEqual(effects.filter((e) => e.type === "deal.end"), [{ type: "deal.end", status: "completed" }]);
  });
});
