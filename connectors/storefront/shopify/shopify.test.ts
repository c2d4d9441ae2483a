import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkConnector, InboundRejected, type EngineCommand, type InboundRequest, type Order } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { orderProblems } from "../shared/index.ts";
import { shopifyConnector, type ShopifyConfig } from "./shopify.connector.ts";
import { shopifySignature } from "./shopify.signature.ts";

const CORPUS = new URL("../../../../shared/corpus/storefront/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, CORPUS), "utf8");
const vectors = JSON.parse(read("signature-vectors.json")).shopify.vectors as { secret: string; body: string; signature_base64: string; signature_hex: string }[];
/**
 * The Order resources in the corpus (the *.create-request.json files are request bodies, not orders). The
 * cancelled one is the answer of POST orders/…/cancel, `{order, notice}`: its `order` is the resource.
 */
const ORDER_FILES = [
  "shopify/order-1073459980.created-partially-paid.json",
  "shopify/order-1073459981.created-with-customer-phone.json",
  "shopify/order-1073459983.created-pending.json",
  "shopify/order-450789469.partially-refunded.json",
  "shopify/order-450789469.cancelled-refunded.json",
];
const resource = (file: string): Record<string, any> => {
  const json = JSON.parse(read(file));
  return json.order && !json.id ? json.order : json;
};

const config: ShopifyConfig = { secret: "shpss_test", defaultStore: "store-1", locale: "en", timeZone: "America/Toronto", defaultSlot: { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" } };
const ctx = inboundContext(config, "shopify-main");
const handler = shopifyConnector.inbound!.orders;

/** A delivery as Shopify sends it (headers from the corpus' list of delivery headers). */
function delivery(topic: string, body: object | string, secret = config.secret): InboundRequest {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return inboundRequest({
    body: raw,
    headers: { "X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": shopifySignature(secret, raw), "X-Shopify-Shop-Domain": "jsmith.myshopify.com", "X-Shopify-API-Version": "2026-07", "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" },
  });
}

async function commands(request: InboundRequest): Promise<EngineCommand[]> {
  assert.equal(await handler.verify(request, ctx), true, "signature should verify");
  return (await handler.parse(request, ctx)).commands;
}

async function started(order: object): Promise<Order> {
  const [command] = await commands(delivery("orders/create", order));
  assert.equal(command.type, "deal.start");
  return (command as Extract<EngineCommand, { type: "deal.start" }>).order;
}

async function rejection(request: InboundRequest): Promise<InboundRejected> {
  const error = await Promise.resolve().then(() => handler.parse(request, ctx)).catch((e: unknown) => e);
  assert.ok(error instanceof InboundRejected, `expected InboundRejected, got ${String(error)}`);
  return error;
}

const digits = (value: unknown) => String(value ?? "").replace(/\D/g, "");

describe("shopify connector: webhook signatures", () => {
  it("should be a well-formed connector with the stage push", () => {
    // then
    assert.doesNotThrow(() => checkConnector(shopifyConnector));
    assert.ok(shopifyConnector.actions["stage.push"]);
  });

  for (const [index, vector] of vectors.entries()) {
    it(`should accept signature vector ${index + 1} and refuse it for a tampered body, another secret or the hex form`, async () => {
      // given
      const request = (body: string, signature = vector.signature_base64, header = "X-Shopify-Hmac-Sha256") => inboundRequest({ body, headers: { "X-Shopify-Topic": "orders/create", [header]: signature } });
      const withSecret = (secret: string) => inboundContext({ ...config, secret }, "shopify-main");

      // then
      assert.equal(shopifySignature(vector.secret, vector.body), vector.signature_base64);
      assert.equal(await handler.verify(request(vector.body), withSecret(vector.secret)), true);
      assert.equal(await handler.verify(request(vector.body, vector.signature_base64, "Shopify-Hmac-Sha256"), withSecret(vector.secret)), true);
      assert.equal(await handler.verify(request(vector.body.replace("123.45", "123.46")), withSecret(vector.secret)), false);
      assert.equal(await handler.verify(request(vector.body), withSecret("another-secret")), false);
      assert.equal(await handler.verify(request(vector.body, vector.signature_hex), withSecret(vector.secret)), false);
      assert.equal(await handler.verify(inboundRequest({ body: vector.body, headers: { "X-Shopify-Topic": "orders/create" } }), withSecret(vector.secret)), false);
    });
  }
});

describe("shopify connector: corpus orders map to valid orders", () => {
  for (const file of ORDER_FILES) {
    it(`should map ${file} with its customer, items, quantities, prices and totals`, async () => {
      // given
      const shop = resource(file);

      // when
      const order = await started(shop);

      // then the order is valid and says what the file says
      assert.deepEqual(orderProblems(order), []);
      assert.equal(order.externalId, `shopify-${shop.id}`);
      assert.equal(order.createdAt, shop.created_at);
      assert.deepEqual(order.source, { instance: "shopify-main", connector: "shopify", push: false });
      const customer = order.customer as Record<string, unknown>;
      const phone = [shop.customer?.phone, shop.phone, shop.billing_address?.phone, shop.shipping_address?.phone].find(Boolean);
      assert.equal(digits(customer.phone).slice(-10), digits(phone).slice(-10));
      assert.equal(customer.name, `${shop.customer.first_name} ${shop.customer.last_name}`);
      assert.equal(customer.email, shop.customer.email);
      const items = order.items as { sku: string; name: string; quantity: number; price: number }[];
      assert.equal(items.length, shop.line_items.length);
      shop.line_items.forEach((line: Record<string, any>, i: number) => {
        assert.deepEqual(items[i], { sku: line.sku, name: line.name, quantity: line.quantity, price: Number(line.price) });
      });
      const totals = order.totals as Record<string, number>;
      assert.deepEqual(totals, {
        currency: shop.currency,
        subtotal: Number(shop.total_line_items_price),
        discount: Number(shop.total_discounts),
        shipping: Number(shop.total_shipping_price_set.shop_money.amount),
        tax: Number(shop.total_tax),
        total: Number(shop.total_price),
      });
      assert.equal(items.reduce((sum, item) => sum + item.price * item.quantity, 0), totals.subtotal);
      assert.equal(Math.round((totals.subtotal - totals.discount + totals.shipping + totals.tax) * 100) / 100, totals.total);
    });
  }

  it("should map order 1073459981 to the hand-checked figures: the order's phone, Jane as recipient, the discount", async () => {
    // when
    const order = await started(resource(ORDER_FILES[1]));

    // then
    assert.deepEqual(order.customer, { name: "John Smith", phone: "+18885551234", email: "jane@example.com", id: "1073339475", locale: "en", timeZone: "America/Toronto" });
    assert.deepEqual(order.recipient, { name: "Jane Smith", phone: "+17777777777" });
    assert.deepEqual(order.items, [{ sku: "IPOD2009BLACK", name: "IPod Touch 8GB - Black", quantity: 1, price: 199 }]);
    assert.deepEqual(order.totals, { currency: "USD", subtotal: 199, discount: 17.91, shipping: 0, tax: 0, total: 181.09 });
    assert.deepEqual(order.payment, { type: "prepaid", paid: true });
    assert.equal(order.city, "Fakecity");
    // created 11:31 at -05:00 (12:31 in Toronto) on July 2: the default slot is July 3 in Toronto
    assert.deepEqual(order.fulfilment, { type: "delivery", address: "123 Fake Street, Fakecity, Ontario, K2P 1L4, Canada", slot: { start: "2025-07-03T10:00:00-04:00", end: "2025-07-03T14:00:00-04:00" } });
  });

  it("should map order 450789469 to three items at 199.00 and the total 598.94", async () => {
    // when
    const order = await started(resource(ORDER_FILES[3]));

    // then
    assert.deepEqual((order.items as { sku: string; price: number; quantity: number }[]).map((i) => [i.sku, i.quantity, i.price]), [
      ["IPOD2008GREEN", 1, 199],
      ["IPOD2008RED", 1, 199],
      ["IPOD2008BLACK", 1, 199],
    ]);
    assert.deepEqual(order.totals, { currency: "USD", subtotal: 597, discount: 10, shipping: 0, tax: 11.94, total: 598.94 });
    assert.equal((order.customer as Record<string, unknown>).phone, "+16136120707");
    assert.equal(order.recipient, undefined);
    assert.equal((order.fulfilment as Record<string, unknown>).address, "Chestnut Street 92, Louisville, Kentucky, 40202, United States");
  });

  it("should take the billing phone when neither the customer nor the order has one, and an order without addresses as a pickup", async () => {
    // when
    const partiallyPaid = await started(resource(ORDER_FILES[0]));
    const pending = await started(resource(ORDER_FILES[2]));

    // then
    assert.equal((partiallyPaid.customer as Record<string, unknown>).phone, "+15555555555");
    assert.deepEqual(partiallyPaid.payment, { type: "prepaid", paid: false });
    assert.deepEqual(pending.fulfilment, { type: "pickup" });
    assert.deepEqual(pending.payment, { type: "prepaid", paid: false });
  });

  it("should pick the store by location or shipping line, and read a pickup line and cash on delivery", async () => {
    // given
    const shop = { ...resource(ORDER_FILES[3]), shipping_lines: [{ code: "Pickup at Tverskaya", title: "Pickup at Tverskaya", price: "0.00" }], payment_gateway_names: ["Cash on Delivery (COD)"], financial_status: "pending" };
    const context = inboundContext({ ...config, storeBy: { "Pickup at Tverskaya": "store-tverskaya", "905684977": "store-location" } }, "shopify-main");

    // when
    const byLine = (await handler.parse(delivery("orders/create", shop), context)).commands[0];
    const byLocation = (await handler.parse(delivery("orders/create", { ...shop, location_id: 905684977 }), context)).commands[0];

    // then
    const order = (byLine as Extract<EngineCommand, { type: "deal.start" }>).order;
    assert.equal(order.store, "store-tverskaya");
    assert.deepEqual(order.fulfilment, { type: "pickup" });
    assert.deepEqual(order.payment, { type: "on_receipt", paid: false });
    assert.equal((byLocation as Extract<EngineCommand, { type: "deal.start" }>).order.store, "store-location");
  });
});

describe("shopify connector: updates, payments and cancellations", () => {
  it("should cancel the corpus' cancelled order with customer_cancelled and Shopify's reason in the note", async () => {
    // when
    const [command] = await commands(delivery("orders/cancelled", resource(ORDER_FILES[4])));

    // then
    assert.deepEqual(command, { type: "deal.cancel", orderId: "shopify-450789469", reason: "customer_cancelled", note: "Cancelled in Shopify (cancel_reason: other)." });
  });

  it("should map Shopify's cancel reasons to ours", async () => {
    // given
    const shop = resource(ORDER_FILES[4]);

    // when
    const reasons = [];
    for (const cause of ["customer", "fraud", "inventory", "declined", "staff"]) {
      const [command] = await commands(delivery("orders/cancelled", { ...shop, cancel_reason: cause }));
      reasons.push(command.type === "deal.cancel" ? command.reason : command.type);
    }

    // then
    assert.deepEqual(reasons, ["customer_cancelled", "fake_order", "out_of_stock", "not_paid", "customer_cancelled"]);
  });

  it("should turn orders/paid into payment.received and orders/updated into order.updated", async () => {
    // given
    const shop = resource(ORDER_FILES[1]);

    // when
    const [paid] = await commands(delivery("orders/paid", shop));
    const [updated] = await commands(delivery("orders/updated", shop));

    // then
    assert.deepEqual(paid, { type: "deal.message", name: "payment.received", orderId: "shopify-1073459981", payload: { financialStatus: "paid", total: 181.09, currency: "USD", gateways: [""] } });
    assert.equal(updated.type === "deal.message" && updated.name, "order.updated");
    assert.equal(updated.type === "deal.message" && (updated.payload?.order as Order).externalId, "shopify-1073459981");
  });

  it("should cancel a deleted order and ignore topics that are not about orders", async () => {
    // when
    const [deleted] = await commands(delivery("orders/delete", { id: 450789469 }));
    const [other] = await commands(delivery("customers/create", { id: 1 }));

    // then
    assert.equal(deleted.type === "deal.cancel" && deleted.orderId, "shopify-450789469");
    assert.equal(other.type, "none");
  });
});

describe("shopify connector: malformed orders", () => {
  const base = resource(ORDER_FILES[1]);
  const cases: [string, Record<string, unknown>, string][] = [
    ["no line items", { ...base, line_items: [] }, "/line_items"],
    ["a price that is not money", { ...base, line_items: [{ ...base.line_items[0], price: "cheap" }] }, "/line_items/0/price"],
    ["a zero quantity", { ...base, line_items: [{ ...base.line_items[0], quantity: 0 }] }, "/line_items/0/quantity"],
    ["no phone anywhere", { ...base, phone: null, billing_address: { ...base.billing_address, phone: null }, shipping_address: { ...base.shipping_address, phone: null } }, "/customer/phone"],
    ["no total", { ...base, total_price: undefined }, "/total_price"],
    ["a created_at without a zone", { ...base, created_at: "2025-07-02 11:31" }, "/created_at"],
  ];
  for (const [what, shop, pointer] of cases) {
    it(`should refuse an order with ${what} with 422 at ${pointer}`, async () => {
      // when
      const error = await rejection(delivery("orders/create", shop));

      // then
      assert.equal(error.status, 422);
      assert.equal(error.pointer, pointer);
    });
  }
});
