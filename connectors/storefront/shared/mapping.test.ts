import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InboundRejected, validateConfig, type Order } from "../../sdk/index.ts";
import { storefrontConfigSchema } from "./config.ts";
import { decodeEntities, money, orderPhone, resolveStore, slotFor, utcIso, withSource } from "./mapping.ts";
import { checkOrder, originTable } from "./order-check.ts";
import { defaultSlot, zonedIso } from "./slot.ts";

const validOrder: Order = {
  externalId: "x-1",
  customer: { name: "Anna", phone: "+79123456789" },
  store: "store-1",
  fulfilment: { type: "pickup" },
  items: [{ sku: "kvass", name: "Kvass", quantity: 1, price: 100 }],
};

describe("storefront shared: configuration", () => {
  it("should fill the shared defaults and mark the push secret as a secret", () => {
    // given
    const schema = storefrontConfigSchema({ secret: { type: "string", "x-secret": true } }, ["secret"]);
    const config: Record<string, unknown> = { secret: "s", defaultStore: "store-1" };

    // when
    const result = validateConfig(schema, config);

    // then
    assert.deepEqual(result, { ok: true });
    assert.deepEqual(config.defaultSlot, { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" });
    assert.equal(config.timeZone, "Europe/Moscow");
    assert.equal((schema.properties as Record<string, Record<string, unknown>>).pushSecret["x-secret"], true);
  });

  it("should refuse a slot time that is not HH:MM", () => {
    // when
    const result = validateConfig(storefrontConfigSchema({}, []), { defaultSlot: { policy: "next-day", start: "25:00" } });

    // then
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.errors[0].pointer, "/defaultSlot/start");
  });
});

describe("storefront shared: time zones and default slots", () => {
  it("should write a local time with the zone's offset, summer and winter", () => {
    // then
    assert.equal(zonedIso(2026, 3, 3, "10:00", "Europe/Moscow"), "2026-03-03T10:00:00+03:00");
    assert.equal(zonedIso(2026, 7, 1, "10:00", "America/New_York"), "2026-07-01T10:00:00-04:00");
    assert.equal(zonedIso(2026, 1, 15, "14:30", "America/New_York"), "2026-01-15T14:30:00-05:00");
    assert.equal(zonedIso(2026, 1, 15, "09:00", "Asia/Kolkata"), "2026-01-15T09:00:00+05:30");
  });

  it("should give the next local day 10:00–14:00, the day counted in the customer's zone", () => {
    // given an order at 22:30 UTC on March 2, already March 3 in Moscow
    const createdAt = new Date("2026-03-02T22:30:00Z");

    // when
    const slot = defaultSlot(createdAt, "Europe/Moscow", { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" });

    // then
    assert.deepEqual(slot, { start: "2026-03-04T10:00:00+03:00", end: "2026-03-04T14:00:00+03:00" });
  });

  it("should refuse a delivery without a slot when the policy says reject", () => {
    // when
    const error = (() => {
      try {
        slotFor({ defaultSlot: { policy: "reject" } }, "2026-03-02T09:00:00Z", "/shipping_lines");
      } catch (e) {
        return e;
      }
    })();

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.status, 422);
    assert.equal(error.pointer, "/shipping_lines");
  });

  it("should name the setting when the time zone is unknown", () => {
    // then
    assert.throws(() => defaultSlot(new Date(), "Mars/Olympus", { policy: "next-day" }), /"Mars\/Olympus" is not an IANA time zone/);
  });
});

describe("storefront shared: field helpers", () => {
  it("should read money written as strings or numbers and refuse anything else with its pointer", () => {
    // then
    assert.equal(money("29.35", "/total"), 29.35);
    assert.equal(money(12, "/price"), 12);
    assert.throws(() => money("twelve", "/line_items/0/subtotal"), (e: unknown) => e instanceof InboundRejected && e.pointer === "/line_items/0/subtotal");
    assert.throws(() => money(undefined, "/total"), InboundRejected);
  });

  it("should write valid and merely possible phone numbers in E.164 and keep the digits of others", () => {
    // then
    assert.equal(orderPhone("8 (912) 345-67-89", "RU"), "+79123456789");
    assert.equal(orderPhone("+1(502)-459-2181", "US"), "+15024592181");
    assert.equal(orderPhone("(555) 555-5555", "US"), "+15555555555");
    assert.equal(orderPhone("12-34"), undefined);
    assert.equal(orderPhone(""), undefined);
  });

  it("should pick the store by the first known key, then the default, else refuse at the pointer", () => {
    // given
    const config = { storeBy: { local_pickup: "store-7", "flat_rate:3": "store-2" }, defaultStore: "store-1" };

    // then
    assert.equal(resolveStore(config, ["flat_rate:3", "flat_rate"], "/shipping_lines"), "store-2");
    assert.equal(resolveStore(config, [undefined, "local_pickup"], "/shipping_lines"), "store-7");
    assert.equal(resolveStore(config, ["courier"], "/shipping_lines"), "store-1");
    assert.throws(() => resolveStore({}, ["courier"], "/shipping_lines"), /none of "courier" is in storeBy/);
  });

  it("should read a zone-less storefront time as UTC and decode HTML entities in names", () => {
    // then
    assert.equal(utcIso("2017-03-22T19:28:02"), "2017-03-22T19:28:02Z");
    assert.equal(utcIso("2025-07-02T11:31:38-05:00"), "2025-07-02T16:31:38Z");
    assert.equal(decodeEntities("Ship Your Idea &ndash; Color: Black &amp; M &#8211; &#x41;"), "Ship Your Idea – Color: Black & M – A");
  });

  it("should set the source to the instance and connector, pushing stages back only when a push URL is set", () => {
    // when
    const order = withSource({ ...validOrder, source: { instance: "spoofed", url: "https://shop.example" } }, "shop", "woocommerce", { pushUrl: "https://shop.example/stages" });
    const quiet = withSource(validOrder, "shop", "woocommerce", {});

    // then
    assert.deepEqual(order.source, { instance: "shop", connector: "woocommerce", url: "https://shop.example", push: true });
    assert.deepEqual(quiet.source, { instance: "shop", connector: "woocommerce", push: false });
  });
});

describe("storefront shared: order validation", () => {
  it("should accept a valid order", () => {
    // then
    assert.equal(checkOrder(validOrder), validOrder);
  });

  it("should refuse an invalid order with the pointer of the field in the storefront's payload", () => {
    // given
    const order = { ...validOrder, customer: { name: "Anna", phone: "call me" } };
    const origin = originTable({ "/customer/phone": "/billing/phone", "/items": "/line_items" });

    // when
    const error = (() => {
      try {
        checkOrder(order, origin);
      } catch (e) {
        return e;
      }
    })();

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.status, 422);
    assert.equal(error.pointer, "/billing/phone");
    assert.match(error.message, /customer\.phone \(from \/billing\/phone\) has the wrong format/);
  });

  it("should map item pointers by prefix and refuse an 18+ item for an unverified customer", () => {
    // given
    const order = { ...validOrder, items: [{ sku: "beer", name: "Beer", quantity: 1, price: 90, adult: true }] };

    // when
    const error = (() => {
      try {
        checkOrder(order, originTable({ "/items": "/line_items" }));
      } catch (e) {
        return e;
      }
    })();

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.pointer, "/line_items/0/adult");
  });

  it("should refuse a delivery without address and slot, naming the missing field", () => {
    // when
    const error = (() => {
      try {
        checkOrder({ ...validOrder, fulfilment: { type: "delivery" } });
      } catch (e) {
        return e;
      }
    })();

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.pointer, "/fulfilment/address");
  });
});
