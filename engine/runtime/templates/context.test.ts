import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { messageContext, recipientLocale, recipientTimeZone, type MessageDeal } from "./context.ts";

const ENV = ["ORDER_ROUTES_DEFAULT_LOCALE", "ORDER_ROUTES_DEFAULT_TIME_ZONE"] as const;
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

function deal(data: Record<string, unknown>): MessageDeal {
  return { id: "d1", externalId: "WEB-1", stage: "assembly", status: "running", outcome: null, lostReason: null, data: { externalId: "WEB-1", ...data } };
}

describe("message context", () => {
  afterEach(() => {
    for (const name of ENV) if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  });

  it("should put the order at the top, then the payload, the deal and the input", () => {
    // given
    const row = deal({ customer: { name: "Anna" }, items: [{ sku: "A", name: "A", quantity: 2, price: 10.1 }], totals: { total: 20.2, currency: "RUB" } });
    const payload = { to: "+79123456789", orderId: "WEB-1" };
    // when
    const context = messageContext(row, payload);
    // then
    assert.deepEqual(context.customer, { name: "Anna" });
    assert.deepEqual(context.totals, { total: 20.2, currency: "RUB" });
    assert.equal(context.externalId, "WEB-1");
    assert.equal(context.to, "+79123456789");
    assert.deepEqual(context.deal, { id: "d1", externalId: "WEB-1", stage: "assembly", status: "running", outcome: null, lostReason: null });
    assert.deepEqual(context.input, payload);
  });

  it("should compute the total from the items when the order has no totals", () => {
    // when
    const context = messageContext(deal({ items: [{ quantity: 3, price: 0.1 }, { quantity: 1, price: 99 }] }), null);
    // then
    assert.deepEqual(context.totals, { total: 99.3 });
    assert.deepEqual(context.input, {});
  });

  it("should give task notifications their task titled by data.taskTitle, without a deal too", () => {
    // when
    const given = messageContext(null, { kind: "task.created", taskId: "t2", title: "New task: Pack: fragile", data: { taskTitle: "Pack: fragile" } });
    const older = messageContext(null, { kind: "task.overdue", taskId: "t1", title: "Task overdue: Pick order", data: { role: "store_admin" } });
    const mention = messageContext(null, { kind: "mention", title: "a: b" });
    // then
    assert.deepEqual(given.task, { id: "t2", title: "Pack: fragile" });
    assert.deepEqual(older.task, { id: "t1", title: "Task overdue: Pick order" }, "no taskTitle: the notification title as it is, nothing cut off");
    assert.equal(mention.task, undefined);
    assert.equal(given.deal, null);
  });

  it("should pick the customer's locale, else the fallback, else the default, else en", () => {
    // given
    delete process.env.ORDER_ROUTES_DEFAULT_LOCALE;
    // when / then
    assert.equal(recipientLocale(deal({ customer: { locale: "ru" } }), "de"), "ru");
    assert.equal(recipientLocale(deal({ customer: {} }), "de"), "de");
    assert.equal(recipientLocale(null), "en");
    process.env.ORDER_ROUTES_DEFAULT_LOCALE = "ru";
    assert.equal(recipientLocale(deal({})), "ru");
  });

  it("should pick the customer's time zone, else the store's, else the default, else UTC, skipping unknown zones", () => {
    // given
    delete process.env.ORDER_ROUTES_DEFAULT_TIME_ZONE;
    // when / then
    assert.equal(recipientTimeZone(deal({ customer: { timeZone: "Asia/Yekaterinburg" } }), "Europe/Moscow"), "Asia/Yekaterinburg");
    assert.equal(recipientTimeZone(deal({ customer: { timeZone: "Nowhere/Land" } }), "Europe/Moscow"), "Europe/Moscow");
    assert.equal(recipientTimeZone(deal({}), null), "UTC");
    process.env.ORDER_ROUTES_DEFAULT_TIME_ZONE = "Europe/Samara";
    assert.equal(recipientTimeZone(null), "Europe/Samara");
  });
});
