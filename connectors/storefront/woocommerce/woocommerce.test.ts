import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkConnector, InboundRejected, type EngineCommand, type InboundRequest, type Order } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { orderProblems } from "../shared/index.ts";
import { woocommerceConnector, type WooConfig } from "./woocommerce.connector.ts";
import { wooSignature } from "./woocommerce.signature.ts";

const CORPUS = new URL("../../../../shared/corpus/storefront/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, CORPUS), "utf8");
const vectors = JSON.parse(read("signature-vectors.json")).woocommerce.vectors as { secret: string; body: string; signature_base64: string }[];
/** The wc/v3 order payloads in the corpus (the create request is a request body, not an order, so it is not among them). */
const ORDER_FILES = ["woocommerce/order-727.wc-v3.create-response.json", "woocommerce/order-727.wc-v3.update-response-completed.json"];
const deliveryLog = JSON.parse(read("woocommerce/webhook-delivery-log.order.updated.wc-v1-docs.json")) as { request_headers: Record<string, string | number>; request_body: string };

const config: WooConfig = {
  secret: "wc-secret",
  defaultStore: "store-1",
  storeBy: { local_pickup: "store-pickup-7" },
  locale: "en",
  timeZone: "America/Los_Angeles",
  defaultSlot: { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" },
};
const ctx = inboundContext(config, "shop");
const handler = woocommerceConnector.inbound!.orders;

/** A delivery as WooCommerce sends it: the corpus delivery headers, our topic, the body signed with the secret. */
function delivery(topic: string, body: string | object, secret = config.secret): InboundRequest {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers = Object.fromEntries(Object.entries(deliveryLog.request_headers).map(([k, v]) => [k, String(v)]));
  return inboundRequest({ body: raw, headers: { ...headers, "X-WC-Webhook-Topic": topic, "X-WC-Webhook-Signature": wooSignature(secret, raw) } });
}

async function commands(request: InboundRequest, context = ctx): Promise<EngineCommand[]> {
  assert.equal(await handler.verify(request, context), true, "signature should verify");
  return (await handler.parse(request, context)).commands;
}

async function started(wc: object, context = ctx): Promise<Order> {
  const [command] = await commands(delivery("order.created", wc), context);
  assert.equal(command.type, "deal.start");
  return (command as Extract<EngineCommand, { type: "deal.start" }>).order;
}

async function rejection(request: InboundRequest): Promise<InboundRejected> {
  const error = await Promise.resolve().then(() => handler.parse(request, ctx)).catch((e: unknown) => e);
  assert.ok(error instanceof InboundRejected, `expected InboundRejected, got ${String(error)}`);
  return error;
}

const order727 = JSON.parse(read(ORDER_FILES[0])) as Record<string, any>;

describe("woocommerce connector: webhook signatures and the ping", () => {
  it("should be a well-formed connector with the stage push", () => {
    // then
    assert.doesNotThrow(() => checkConnector(woocommerceConnector));
    assert.ok(woocommerceConnector.actions["stage.push"]);
  });

  for (const [index, vector] of vectors.entries()) {
    it(`should accept signature vector ${index + 1} and refuse it for a tampered body or another secret`, async () => {
      // given
      const request = (body: string) => inboundRequest({ body, headers: { "X-WC-Webhook-Topic": "order.updated", "X-WC-Webhook-Signature": vector.signature_base64 } });
      const withSecret = (secret: string) => inboundContext({ ...config, secret }, "shop");

      // then
      assert.equal(wooSignature(vector.secret, vector.body), vector.signature_base64);
      assert.equal(await handler.verify(request(vector.body), withSecret(vector.secret)), true);
      assert.equal(await handler.verify(request(`${vector.body} `), withSecret(vector.secret)), false);
      assert.equal(await handler.verify(request(vector.body.replace("bar", "baz")), withSecret(vector.secret)), false);
      assert.equal(await handler.verify(request(vector.body), withSecret(`${vector.secret}x`)), false);
    });
  }

  it("should refuse the corpus delivery's signature, whose secret is not published, and an unsigned delivery", async () => {
    // given
    const headers = Object.fromEntries(Object.entries(deliveryLog.request_headers).map(([k, v]) => [k, String(v)]));
    const recorded = inboundRequest({ body: deliveryLog.request_body, headers });
    const unsigned = inboundRequest({ body: order727, headers: { "X-WC-Webhook-Topic": "order.created" } });

    // then
    assert.equal(await handler.verify(recorded, ctx), false);
    assert.equal(await handler.verify(unsigned, ctx), false);
  });

  it("should answer the unsigned form-encoded creation ping with no command", async () => {
    // given: WC_Webhook::deliver_ping posts `webhook_id=<id>` with no topic and no signature
    const ping = inboundRequest({ body: { webhook_id: "142" }, form: true, headers: { "User-Agent": "WooCommerce/8.9.1 Hookshot (WordPress/6.5.3)" } });

    // when
    const verified = await handler.verify(ping, ctx);
    const result = await handler.parse(ping, ctx);

    // then
    assert.equal(verified, true);
    assert.deepEqual(result.commands, [{ type: "none", note: "WooCommerce webhook 142 ping" }]);
  });

  it("should not take a body that merely looks like a ping but names a topic as a ping", async () => {
    // given
    const fake = inboundRequest({ body: "webhook_id=142", form: true, headers: { "X-WC-Webhook-Topic": "order.created" } });

    // then
    assert.equal(await handler.verify(fake, ctx), false);
  });

  it("should refuse the legacy {order: …} payload of the corpus delivery with a sentence on the API version", async () => {
    // when
    const error = await rejection(delivery("order.updated", deliveryLog.request_body));

    // then
    assert.equal(error.status, 422);
    assert.equal(error.pointer, "/order");
    assert.match(error.message, /WP REST API Integration v3/);
  });
});

describe("woocommerce connector: corpus orders map to valid orders", () => {
  for (const file of ORDER_FILES) {
    it(`should map ${file} with its customer, items, quantities, prices and totals`, async () => {
      // given
      const wc = JSON.parse(read(file)) as Record<string, any>;

      // when
      const order = await started(wc);

      // then the order is valid and says what the file says
      assert.deepEqual(orderProblems(order), []);
      assert.equal(order.externalId, `wc-${wc.id}`);
      assert.equal(order.createdAt, `${wc.date_created_gmt}Z`);
      assert.deepEqual(order.source, { instance: "shop", connector: "woocommerce" });
      const customer = order.customer as Record<string, unknown>;
      assert.equal(customer.name, `${wc.billing.first_name} ${wc.billing.last_name}`);
      assert.equal(customer.email, wc.billing.email);
      assert.equal(String(customer.phone).replace(/\D/g, "").slice(-10), wc.billing.phone.replace(/\D/g, ""));
      const items = order.items as { sku: string; name: string; quantity: number; price: number }[];
      assert.equal(items.length, wc.line_items.length);
      wc.line_items.forEach((line: Record<string, any>, i: number) => {
        assert.equal(items[i].quantity, line.quantity);
        assert.equal(items[i].price, Number(line.subtotal) / line.quantity);
        assert.equal(items[i].sku, line.sku || String(line.variation_id ? `${line.product_id}-${line.variation_id}` : line.product_id));
      });
      const totals = order.totals as Record<string, number | string>;
      assert.deepEqual(totals, {
        currency: wc.currency,
        subtotal: wc.line_items.reduce((sum: number, line: Record<string, any>) => sum + Number(line.subtotal), 0),
        discount: Number(wc.discount_total),
        shipping: Number(wc.shipping_total),
        tax: Number(wc.total_tax),
        total: Number(wc.total),
      });
      const sum = Number(totals.subtotal) - Number(totals.discount) + Number(totals.shipping) + Number(totals.tax);
      assert.equal(Math.round(sum * 100) / 100, totals.total);
    });
  }

  it("should map order 727 to the hand-checked figures", async () => {
    // when
    const order = await started(order727);

    // then
    assert.equal(order.externalId, "wc-727");
    assert.equal(order.createdAt, "2017-03-22T19:28:02Z");
    assert.deepEqual(order.customer, { name: "John Doe", phone: "+15555555555", email: "john.doe@example.com", locale: "en", timeZone: "America/Los_Angeles" });
    assert.equal(order.recipient, undefined);
    assert.deepEqual(order.items, [
      { sku: "93", name: "Woo Single #1", quantity: 2, price: 3 },
      { sku: "Bar3", name: "Ship Your Idea – Color: Black, Size: M Test", quantity: 1, price: 12 },
    ]);
    assert.deepEqual(order.totals, { currency: "USD", subtotal: 18, discount: 0, shipping: 10, tax: 1.35, total: 29.35 });
    assert.deepEqual(order.payment, { type: "prepaid", paid: true });
    assert.equal(order.store, "store-1");
    assert.equal(order.city, "San Francisco");
    // created 12:28 in Los Angeles on March 22: the default slot is the next day there
    assert.deepEqual(order.fulfilment, {
      type: "delivery",
      address: "969 Market, San Francisco, CA, 94103, US",
      slot: { start: "2017-03-23T10:00:00-07:00", end: "2017-03-23T14:00:00-07:00" },
    });
  });

  it("should start the deal on the configured route", async () => {
    // when
    const [command] = await commands(delivery("order.created", order727), inboundContext({ ...config, routeKey: "prepaid-order" }, "shop"));

    // then
    assert.equal(command.type === "deal.start" && command.route, "prepaid-order");
  });

  it("should make a local pickup a pickup at the store of storeBy, and a different shipping person the recipient", async () => {
    // given
    const wc = {
      ...order727,
      shipping: { ...order727.shipping, first_name: "Grandma", last_name: "Doe", phone: "+1 502 459 2181" },
      shipping_lines: [{ id: 1, method_id: "local_pickup", method_title: "Local pickup", total: "0.00" }],
      shipping_total: "0.00",
      total: "19.35",
    };

    // when
    const order = await started(wc);

    // then
    assert.deepEqual(order.fulfilment, { type: "pickup" });
    assert.equal(order.store, "store-pickup-7");
    assert.deepEqual(order.recipient, { name: "Grandma Doe", phone: "+15024592181" });
  });

  it("should take cash on delivery as payment on receipt and an unpaid card order as prepaid, not yet paid", async () => {
    // when
    const cod = await started({ ...order727, payment_method: "cod", status: "processing" });
    const pending = await started({ ...order727, status: "pending", date_paid: null, date_paid_gmt: null, payment_method: "stripe" });

    // then
    assert.deepEqual(cod.payment, { type: "on_receipt", paid: false });
    assert.deepEqual(pending.payment, { type: "prepaid", paid: false });
  });
});

describe("woocommerce connector: updates and deletions", () => {
  it("should send the completed order of the corpus to the deal as message order.updated", async () => {
    // given
    const wc = JSON.parse(read(ORDER_FILES[1]));

    // when
    const [command] = await commands(delivery("order.updated", wc));

    // then
    assert.equal(command.type, "deal.message");
    const message = command as Extract<EngineCommand, { type: "deal.message" }>;
    assert.equal(message.name, "order.updated");
    assert.equal(message.orderId, "wc-727");
    assert.equal(message.payload?.status, "completed");
    assert.equal((message.payload?.order as Order).externalId, "wc-727");
  });

  it("should cancel on cancelled, refunded and failed, with the matching reason", async () => {
    // when
    const [cancelled] = await commands(delivery("order.updated", { ...order727, status: "cancelled" }));
    const [refunded] = await commands(delivery("order.updated", { ...order727, status: "refunded" }));
    const [failed] = await commands(delivery("order.updated", { ...order727, status: "failed" }));

    // then
    assert.deepEqual(cancelled, { type: "deal.cancel", orderId: "wc-727", reason: "customer_cancelled", note: "WooCommerce status: cancelled." });
    assert.equal(refunded.type === "deal.cancel" && refunded.reason, "customer_cancelled");
    assert.equal(failed.type === "deal.cancel" && failed.reason, "not_paid");
  });

  it("should report payment when a prepaid order turns processing, but not for cash on delivery", async () => {
    // when
    const [paid] = await commands(delivery("order.updated", order727));
    const [cod] = await commands(delivery("order.updated", { ...order727, payment_method: "cod" }));

    // then
    assert.deepEqual(paid, {
      type: "deal.message",
      name: "payment.received",
      orderId: "wc-727",
      payload: { paidAt: "2017-03-22T19:28:08Z", method: "bacs", transactionId: null, total: 29.35, currency: "USD" },
    });
    assert.equal(cod.type === "deal.message" && cod.name, "order.updated");
  });

  it("should cancel a deleted order (its payload is the id only) and ignore other topics", async () => {
    // when
    const [deleted] = await commands(delivery("order.deleted", { id: 727 }));
    const [product] = await commands(delivery("product.updated", { id: 93 }));
    const [restored] = await commands(delivery("order.restored", order727));

    // then
    assert.deepEqual(deleted, { type: "deal.cancel", orderId: "wc-727", reason: "customer_cancelled", note: "The order was deleted in WooCommerce." });
    assert.equal(product.type, "none");
    assert.equal(restored.type, "none");
  });
});

describe("woocommerce connector: malformed orders", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["no line items", { ...order727, line_items: undefined }, "/line_items"],
    ["empty line items", { ...order727, line_items: [] }, "/line_items"],
    ["a line without quantity", { ...order727, line_items: [{ ...order727.line_items[0], quantity: 0 }] }, "/line_items/0/quantity"],
    ["a line whose subtotal is not money", { ...order727, line_items: [{ ...order727.line_items[0], subtotal: "lots", total: "lots" }] }, "/line_items/0/subtotal"],
    ["no phone", { ...order727, billing: { ...order727.billing, phone: "" } }, "/billing/phone"],
    ["a bad email", { ...order727, billing: { ...order727.billing, email: "john at example" } }, "/billing/email"],
    ["no total", { ...order727, total: undefined }, "/total"],
    ["no id", { ...order727, id: undefined }, "/id"],
    ["a delivery without any address", { ...order727, shipping: {}, billing: { phone: "(555) 555-5555", first_name: "John" } }, "/shipping/address_1"],
  ];
  for (const [what, wc, pointer] of cases) {
    it(`should refuse an order with ${what} with 422 at ${pointer}`, async () => {
      // when
      const error = await rejection(delivery("order.created", wc));

      // then
      assert.equal(error.status, 422);
      assert.equal(error.pointer, pointer);
    });
  }

  it("should refuse an order with no store when none is configured", async () => {
    // given
    const bare = inboundContext<WooConfig>({ secret: "wc-secret" }, "shop");

    // when
    const error = await Promise.resolve().then(() => handler.parse(delivery("order.created", order727), bare)).catch((e: unknown) => e);

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.pointer, "/shipping_lines");
    assert.match(error.message, /none of "flat_rate", "Flat Rate" is in storeBy/);
  });
});
