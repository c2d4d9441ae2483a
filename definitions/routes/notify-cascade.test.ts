import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import type { Route } from "../../engine/core/index.ts";
import { DealDriver, NOW } from "../../engine/core/testing/driver.ts";
import { compileRoute } from "../../engine/model/index.ts";

const XML = readFileSync(new URL("./notify-cascade.bpmn", import.meta.url), "utf8");
const order = { externalId: "A-1001", customer: { name: "Anna", phone: "+79123456789", email: "anna@example.com" } };

describe("route notify-cascade", () => {
  let route: Route;
  before(async () => {
    const compiled = await compileRoute(XML);
    assert.equal(compiled.ok, true, JSON.stringify(compiled.issues));
    route = compiled.route!;
  });

  /** A deal that has sent its email and waits for the email's status. */
  function waitingForEmail(): DealDriver {
    const deal = new DealDriver(route, order);
    deal.start();
    return deal;
  }

  it("should publish cleanly and send the confirmation by email through the instance email", async () => {
    // given
    const compiled = await compileRoute(XML);

    // when
    const deal = waitingForEmail();

    // then
    assert.deepEqual(compiled.issues, []);
    assert.deepEqual(deal.of("message.send").map(({ connector, action, template, input }) => ({ connector, action, template, input })), [
      { connector: "email", action: "send", template: "order-confirmed", input: { to: "anna@example.com", orderId: "A-1001" } },
    ]);
    assert.deepEqual(deal.waiting(), ["Gateway_email_status"]);
    assert.deepEqual(deal.of("timer.schedule").map((t) => [t.timer, t.dueAt]), [["Event_email_silence", "2026-03-02T11:00:00.000Z"]]);
  });

  it("should stop at email.delivered without any SMS", () => {
    // given
    const deal = waitingForEmail();

    // when
    deal.send({ type: "message", name: "email.delivered", payload: { message: 1 } });

    // then
    assert.deepEqual(deal.of("message.send"), []);
    assert.equal(deal.snapshot?.status, "completed");
    assert.equal(deal.snapshot?.outcome, "won");
    assert.equal(deal.of("timer.cancel").length, 1);
  });

  for (const status of ["email.bounced", "email.failed"]) {
    it(`should send the SMS through the instance sms on ${status}`, () => {
      // given
      const deal = waitingForEmail();

      // when
      deal.send({ type: "message", name: status, payload: { message: 1 } });

      // then
      assert.deepEqual(deal.of("message.send").map(({ connector, template, input }) => ({ connector, template, input })), [
        { connector: "sms", template: "order-confirmed", input: { to: "+79123456789", orderId: "A-1001" } },
      ]);
      assert.equal(deal.snapshot?.status, "completed");
    });
  }

  it("should send the SMS when the email's status has not come within 2 hours", () => {
    // given
    const deal = waitingForEmail();
    const [timer] = deal.of("timer.schedule");

    // when
    deal.now = new Date(NOW.getTime() + 2 * 3600_000);
    deal.send({ type: "timer.fire", token: timer.token, timer: timer.timer });

    // then
    assert.deepEqual(deal.of("message.send").map((m) => m.connector), ["sms"]);
    assert.equal(deal.snapshot?.stage, "notified");
    assert.throws(() => deal.send({ type: "message", name: "email.delivered" }), { code: "not_running" });
  });
});
