import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver } from "../testing/driver.ts";

describe("intermediate events and receive task", () => {
  it("should wait at a timer catch until its timer fires", () => {
    // given
    const r = route().start("s").catch("wait", { kind: "timer", timer: { kind: "duration", expression: "P1DT2H" } }).task("a").end("e")
      .chain("s", "wait", "a", "e").build();
    const deal = new DealDriver(r);
    deal.start();
    const token = deal.snapshot!.tokens[0].id;
    assert.deepEqual(deal.of("timer.schedule"), [{ type: "timer.schedule", token, timer: "wait", element: "wait", dueAt: "2026-03-03T11:00:00.000Z" }]);
    // when
    deal.send({ type: "timer.fire", token, timer: "wait" });
    // then
    assert.deepEqual(deal.waiting(), ["a"]);
    assert.throws(() => deal.send({ type: "timer.fire", token, timer: "wait" }), { code: "not_waiting" });
  });

  it("should compute a timer from FEEL over the deal data", () => {
    // given
    const r = route().start("s")
      .catch("wait", { kind: "timer", timer: { kind: "date", expression: '= date and time(slot.start) - duration("PT1H")' } })
      .end("e").chain("s", "wait", "e").build();
    const deal = new DealDriver(r, { slot: { start: "2026-03-05T14:00:00+03:00" } });
    // when
    deal.start();
    // then
    assert.equal(deal.of("timer.schedule")[0].dueAt, "2026-03-05T10:00:00.000Z");
  });

  it("should wait at a message catch and a receive task for their messages", () => {
    // given
    const r = route().start("s").catch("called", { kind: "message", message: "call.ended" }).receive("reply", "customer.replied").end("e")
      .chain("s", "called", "reply", "e").build();
    const deal = new DealDriver(r);
    deal.start();
    // when / then
    assert.throws(() => deal.send({ type: "message", name: "customer.replied" }), { code: "no_match" });
    deal.send({ type: "message", name: "call.ended" });
    assert.deepEqual(deal.waiting(), ["reply"]);
    deal.send({ type: "message", name: "customer.replied", payload: { text: "yes" } });
    assert.equal(deal.snapshot?.status, "completed");
    assert.deepEqual(deal.snapshot?.vars, { text: "yes" });
  });

  it("should deliver a message to the first waiting catcher only", () => {
    // given
    const r = route().start("s").gateway("parallel", "f").receive("r1", "m").receive("r2", "m").end("e1").end("e2")
      .flow("s", "f").chain("f", "r1", "e1").chain("f", "r2", "e2").build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.send({ type: "message", name: "m" });
    // then
    assert.deepEqual(deal.waiting(), ["r2"]);
  });

  it("should pass through a throw event and jump from a link throw to its link catch", () => {
    // given
    const r = route().start("s").throw("note").throw("go", "L1").catch("land", { kind: "link", link: "L1" }).task("a").end("e")
      .chain("s", "note", "go").chain("land", "a", "e").build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    // then
    assert.deepEqual(deal.waiting(), ["a"]);
  });

  it("should emit message.send for a service task with FEEL inputs and move on", () => {
    // given
    const r = route().start("s").service("sms", "sms", "send", { to: "= customer.phone", text: '= "Order " + id + " is ready"' }).task("a").end("e")
      .chain("s", "sms", "a", "e").build();
    const deal = new DealDriver(r, { id: "42", customer: { phone: "+7999" } });
    // when
    deal.start();
    // then
    const sent = deal.of("message.send");
    assert.equal(sent.length, 1);
    assert.deepEqual({ ...sent[0], token: "" }, {
      type: "message.send", token: "", element: "sms", connector: "sms", action: "send", input: { to: "+7999", text: "Order 42 is ready" },
    });
    assert.deepEqual(deal.waiting(), ["a"]);
  });
});
