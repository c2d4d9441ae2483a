import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { checkConnector, InboundRejected, type EngineCommand, type InboundRequest } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { genericConnector, type GenericConfig } from "./generic.connector.ts";

const config: GenericConfig = { secret: "generic-secret", defaultStore: "store-1", city: "Moscow", locale: "ru", timeZone: "Europe/Moscow", defaultSlot: { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" } };
const ctx = inboundContext(config, "shop");
const handler = genericConnector.inbound!.orders;

const order = {
  externalId: "A-1001",
  createdAt: "2026-03-02T18:30:00+03:00",
  customer: { name: "Anna Petrova", phone: "+79123456789" },
  fulfilment: { type: "delivery", address: "Tverskaya 1, apt 5" },
  items: [{ sku: "kvass-1l", name: "Kvass 1 l", quantity: 2, price: 89.9, key: true }],
  payment: { type: "prepaid", paid: false },
};

function signed(event: string | undefined, body: unknown, secret = config.secret): InboundRequest {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "x-order-routes-signature": `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}` };
  if (event) headers["x-order-routes-event"] = event;
  return inboundRequest({ body: raw, headers });
}

async function parse(request: InboundRequest): Promise<EngineCommand[]> {
  return (await handler.parse(request, ctx)).commands;
}

async function rejection(request: InboundRequest): Promise<InboundRejected> {
  const error = await Promise.resolve().then(() => handler.parse(request, ctx)).catch((e: unknown) => e);
  assert.ok(error instanceof InboundRejected, `expected InboundRejected, got ${String(error)}`);
  return error;
}

describe("generic storefront connector", () => {
  it("should be a well-formed connector", () => {
    // then
    assert.doesNotThrow(() => checkConnector(genericConnector));
    assert.ok(genericConnector.actions["stage.push"]);
  });

  it("should verify the sha256= HMAC of the raw body and refuse a tampered body or another secret", () => {
    // given
    const good = signed("order.created", order);
    const tampered = { ...good, rawBody: Buffer.from(good.rawBody.toString().replace("A-1001", "A-1002")) };
    const otherSecret = signed("order.created", order, "not-the-secret");
    const unsigned = inboundRequest({ body: order, headers: { "x-order-routes-event": "order.created" } });

    // then
    assert.equal(handler.verify(good, ctx), true);
    assert.equal(handler.verify(tampered, ctx), false);
    assert.equal(handler.verify(otherSecret, ctx), false);
    assert.equal(handler.verify(unsigned, ctx), false);
  });

  it("should start a deal on order.created, filling in source, store, city, locale, time zone and the next-day slot", async () => {
    // when
    const [command] = await parse(signed("order.created", order));

    // then
    assert.equal(command.type, "deal.start");
    assert.deepEqual(command.type === "deal.start" && command.order, {
      ...order,
      store: "store-1",
      city: "Moscow",
      customer: { locale: "ru", timeZone: "Europe/Moscow", name: "Anna Petrova", phone: "+79123456789" },
      fulfilment: { type: "delivery", address: "Tverskaya 1, apt 5", slot: { start: "2026-03-03T10:00:00+03:00", end: "2026-03-03T14:00:00+03:00" } },
      source: { instance: "shop", connector: "generic", push: false },
    });
  });

  it("should keep what the shop sent: its store, slot, locale and the route of the configuration", async () => {
    // given
    const own = { ...order, store: "store-9", customer: { ...order.customer, locale: "en" }, fulfilment: { ...order.fulfilment, slot: { start: "2026-03-05T18:00:00+03:00", end: "2026-03-05T20:00:00+03:00" } } };

    // when
    const [command] = (await handler.parse(signed("order.created", own), inboundContext({ ...config, routeKey: "prepaid-order" }, "shop"))).commands;

    // then
    assert.equal(command.type === "deal.start" && command.route, "prepaid-order");
    const mapped: Record<string, unknown> = command.type === "deal.start" ? command.order : {};
    assert.equal(mapped.store, "store-9");
    assert.deepEqual((mapped.customer as Record<string, unknown>).locale, "en");
    assert.deepEqual((mapped.fulfilment as Record<string, unknown>).slot, own.fulfilment.slot);
  });

  it("should turn order.updated into message order.updated with the body as payload", async () => {
    // given
    const update = { externalId: "A-1001", comment: "Ring twice" };

    // when
    const commands = await parse(signed("order.updated", update));

    // then
    assert.deepEqual(commands, [{ type: "deal.message", name: "order.updated", orderId: "A-1001", payload: update }]);
  });

  it("should cancel with the shop's reason, or customer_cancelled when it gives none", async () => {
    // when
    const withReason = await parse(signed("order.cancelled", { externalId: "A-1001", reason: "duplicate_order", note: "placed twice" }));
    const withoutReason = await parse(signed("order.cancelled", { externalId: "A-1001" }));

    // then
    assert.deepEqual(withReason, [{ type: "deal.cancel", orderId: "A-1001", reason: "duplicate_order", note: "placed twice" }]);
    assert.deepEqual(withoutReason, [{ type: "deal.cancel", orderId: "A-1001", reason: "customer_cancelled" }]);
  });

  it("should turn order.paid and payment.received into message payment.received correlated by the order id", async () => {
    // given
    const payment = { externalId: "A-1001", amount: 179.8, currency: "RUB" };

    // when
    const paid = await parse(signed("order.paid", payment));
    const received = await parse(signed("payment.received", { orderId: "A-1001" }));

    // then
    assert.deepEqual(paid, [{ type: "deal.message", name: "payment.received", orderId: "A-1001", payload: payment }]);
    assert.equal(received[0].type === "deal.message" && received[0].orderId, "A-1001");
  });

  it("should refuse a malformed order with 422 naming the field", async () => {
    // when
    const noItems = await rejection(signed("order.created", { ...order, items: [] }));
    const badPhone = await rejection(signed("order.created", { ...order, customer: { phone: "n/a" } }));
    const noId = await rejection(signed("order.created", { ...order, externalId: undefined }));
    const notJson = await rejection({ ...signed("order.created", order), rawBody: Buffer.from("{nope") });

    // then
    assert.deepEqual([noItems.status, noItems.pointer], [422, "/items"]);
    assert.deepEqual([badPhone.status, badPhone.pointer], [422, "/customer/phone"]);
    assert.deepEqual([noId.status, noId.pointer], [422, "/externalId"]);
    assert.equal(notJson.status, 400);
  });

  it("should refuse an unknown or missing event, and an update naming no order", async () => {
    // when
    const unknown = await rejection(signed("order.exploded", order));
    const missing = await rejection(signed(undefined, order));
    const anonymous = await rejection(signed("order.updated", { comment: "?" }));

    // then
    assert.match(unknown.message, /must be one of order\.created, .*got "order\.exploded"/);
    assert.match(missing.message, /got nothing/);
    assert.equal(anonymous.pointer, "/externalId");
  });
});
