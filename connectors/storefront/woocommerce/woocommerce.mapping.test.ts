import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InboundRejected } from "../../sdk/index.ts";
import { inboundContext } from "../../sdk/testkit/index.ts";
import { orderProblems } from "../shared/index.ts";
import type { WooConfig } from "./woocommerce.connector.ts";
import { commands, config, delivery, handler, order727, ORDER_FILES, read, rejection, started } from "./testing.ts";

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
      assert.deepEqual(order.source, { instance: "shop", connector: "woocommerce", push: false });
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
