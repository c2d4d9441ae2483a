import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import type { Route } from "../../engine/core/index.ts";
import { DealDriver } from "../../engine/core/testing/driver.ts";
import { compileRoute } from "../../engine/model/index.ts";
import { diagramIssues } from "../../test/support/diagram-check.ts";

const XML = readFileSync(new URL("./order-fulfilment.bpmn", import.meta.url), "utf8");
const PICKUP = {
  externalId: "A-1001",
  customer: { name: "Anna", phone: "+79123456789" },
  store: "A",
  fulfilment: { type: "pickup" },
  items: [{ sku: "KVS-1", name: "Kvass", quantity: 1, price: 99 }],
};
const DELIVERY = { ...PICKUP, fulfilment: { type: "delivery", address: "Tverskaya 1", slot: { start: "2026-03-02T14:00:00Z", end: "2026-03-02T16:00:00Z" } } };

describe("route order-fulfilment: customer messages", () => {
  let route: Route;
  before(async () => {
    const compiled = await compileRoute(XML);
    assert.deepEqual(compiled.issues, []);
    route = compiled.route!;
  });

  /** The SMS the last transition sent: [template, input]. */
  const sent = (deal: DealDriver) => deal.of("message.send").map(({ connector, action, template, input }) => [connector, action, template, input]);
  const sms = (template: string) => ["sms", "send", template, { to: "+79123456789", orderId: "A-1001" }];

  /** A deal verified, assembled and packed (the pack task completed with `packOutcome`). */
  function packed(order: Record<string, unknown>, packOutcome = "success"): DealDriver {
    const deal = new DealDriver(route, order);
    deal.start();
    deal.complete("Task_verify");
    deal.complete("Task_prepare_packaging");
    for (const pick of deal.tasks("Task_pick_item")) deal.send({ type: "task.complete", token: pick.id, outcome: "success" });
    deal.complete("Task_pack", packOutcome);
    return deal;
  }

  it("should draw every element, with edges on their shapes' borders and nothing overlapping", async () => {
    assert.deepEqual(await diagramIssues(XML), []);
  });

  it("should text the customer when the order is confirmed", () => {
    // given
    const deal = new DealDriver(route, PICKUP);
    deal.start();
    // when
    deal.complete("Task_verify");
    // then
    assert.deepEqual(sent(deal), [sms("order-confirmed")]);
  });

  it("should text a pickup customer that the order is ready before the handover task", () => {
    // when
    const deal = packed(PICKUP);
    // then
    assert.deepEqual(sent(deal), [sms("ready-for-pickup")]);
    assert.deepEqual(deal.waiting(), ["Task_handover"]);
  });

  it("should text the customer who will collect an order meant for delivery that it is ready", () => {
    // when
    const deal = packed(DELIVERY, "Flow_customer_collects");
    // then
    assert.deepEqual(sent(deal), [sms("ready-for-pickup")]);
    assert.deepEqual(deal.waiting(), ["Task_handover"]);
  });

  it("should text a delivery customer that the courier is on the way before the courier task", () => {
    // when
    const deal = packed(DELIVERY);
    // then
    assert.deepEqual(sent(deal), [sms("courier-on-the-way")]);
    assert.deepEqual(deal.waiting(), ["Task_deliver"]);
    deal.complete("Task_deliver");
    deal.complete("Task_report");
    assert.equal(deal.snapshot?.outcome, "won");
  });

  it("should text the customer that the order is cancelled after the cancellation chain, the failure's reason kept for the message", () => {
    // given
    const deal = new DealDriver(route, PICKUP);
    deal.start();
    deal.complete("Task_verify", "failure", { reason: "customer_refused" });
    assert.deepEqual(sent(deal), []);
    // when
    deal.complete("Task_disband");
    // then
    assert.deepEqual(sent(deal), [sms("order-cancelled")]);
    assert.equal(deal.snapshot?.outcome, "lost");
    assert.equal(deal.snapshot?.stage, "lost");
    assert.equal(deal.snapshot?.failure?.reason, "customer_refused");
  });
});
