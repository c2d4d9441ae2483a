import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateOrder } from "./order.ts";

function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: "WEB-1001",
    createdAt: "2026-11-23T10:00:00Z",
    channel: "web",
    customer: { name: "Anna", phone: "+7 900 123-45-67", email: "anna@example.com", ageVerified: false },
    city: "Kazan",
    store: "store-a",
    fulfilment: { type: "delivery", address: "Lenina 1", slot: { start: "2026-11-23T18:00:00Z", end: "2026-11-23T20:00:00Z" } },
    items: [
      { sku: "kvass-1", name: "Kvass", quantity: 2, price: 1.5, key: true, analogues: ["kefir-1"] },
      { sku: "eggs-10", name: "Eggs", quantity: 1, price: 2 },
    ],
    payment: { type: "on_receipt", paid: false },
    ...overrides,
  };
}

describe("validateOrder", () => {
  it("should accept a valid order", () => {
    // when
    const result = validateOrder(order());

    // then
    assert.deepEqual(result, { ok: true, errors: [] });
  });

  it("should point at a missing customer phone", () => {
    // given
    const invalid = order({ customer: { name: "Anna" } });

    // when
    const result = validateOrder(invalid);

    // then
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors.map((error) => error.pointer), ["/customer/phone"]);
  });

  it("should refuse an 18+ item for a customer whose age is not verified", () => {
    // given
    const items = [{ sku: "eggs-10", name: "Eggs", quantity: 1, price: 2 }, { sku: "wine-1", name: "Wine", quantity: 1, price: 9, adult: true }];

    // when
    const result = validateOrder(order({ items }));

    // then
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors.map((error) => error.pointer), ["/items/1/adult"]);
    assert.match(result.errors[0]!.message, /18\+ item "Wine" requires a customer whose age is verified/);
  });

  it("should accept an 18+ item when the customer's age is verified", () => {
    // given
    const items = [{ sku: "wine-1", name: "Wine", quantity: 1, price: 9, adult: true }];

    // when
    const result = validateOrder(order({ items, customer: { phone: "+79001234567", ageVerified: true } }));

    // then
    assert.equal(result.ok, true);
  });

  it("should report every error at once", () => {
    // given
    const invalid = order({ externalId: undefined, items: [], fulfilment: { type: "delivery" } });
    delete invalid.externalId;

    // when
    const result = validateOrder(invalid);

    // then
    assert.deepEqual(result.errors.map((error) => error.pointer).sort(), ["/externalId", "/fulfilment/address", "/fulfilment/slot", "/items"]);
  });

  it("should refuse something that is not an order", () => {
    // when
    const result = validateOrder("hello");

    // then
    assert.equal(result.ok, false);
    assert.equal(result.errors[0]!.pointer, "/");
  });
});
