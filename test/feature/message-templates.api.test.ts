/**
 * Message templates over HTTP: the list and sources for admins and operators, previews rendered against a
 * real deal (the customer's locale, the store's time zone, HTML escaped) or sample data, and problem+json
 * for unknown templates and deals and for bad bodies.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { openApi, order, type ApiHarness } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("message templates API", () => {
  let api: ApiHarness;
  let russianDeal: string;
  let storeZoneDeal: string;
  before(async () => {
    api = await openApi();
    const admin = await api.as("admin");
    await request(api.app).post("/api/routes").set(admin).type("application/xml").send(REFERENCE).expect(201);
    await request(api.app).put("/api/stores/A").set(admin).send({ calendar: { timeZone: "Asia/Yekaterinburg", week: { mon: [{ open: "09:00", close: "21:00" }] } } }).expect(200);
    const customer = { name: "<script>alert(1)</script>", phone: "+7 912 345-67-89", email: "anna@example.com", locale: "ru", timeZone: "Europe/Moscow" };
    const delivery = { type: "delivery", address: "Tverskaya 7", slot: { start: "2026-03-14T15:00:00Z", end: "2026-03-14T17:00:00Z" } };
    russianDeal = (await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("WEB-TPL-1", { customer, fulfilment: delivery })).expect(201)).body.id;
    storeZoneDeal = (await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("WEB-TPL-2", { fulfilment: delivery })).expect(201)).body.id;
  });
  after(() => api.close());

  it("should list every template with its channels and locales to admins and operators only", async () => {
    // when
    const admin = await request(api.app).get("/api/message-templates").set(await api.as("admin"));
    const operator = await request(api.app).get("/api/message-templates").set(await api.as("operator"));
    const storeAdmin = await request(api.app).get("/api/message-templates").set(await api.as("store-a"));
    const anonymous = await request(api.app).get("/api/message-templates");
    // then
    assert.equal(admin.status, 200, admin.text);
    const names = admin.body.map((t: { name: string }) => t.name);
    for (const name of ["order-confirmed", "ready-for-pickup", "courier-on-the-way", "order-cancelled", "task.overdue", "mention"]) assert.ok(names.includes(name), name);
    assert.deepEqual(admin.body.find((t: { name: string }) => t.name === "order-confirmed"), { name: "order-confirmed", channels: ["email", "sms"], locales: ["en", "ru"], missing: [] });
    assert.equal(operator.status, 200);
    assert.equal(storeAdmin.status, 403);
    assert.equal(storeAdmin.type, "application/problem+json");
    assert.equal(anonymous.status, 401);
  });

  it("should show a template's sources per locale, and 404 for an unknown one", async () => {
    // when
    const found = await request(api.app).get("/api/message-templates/order-cancelled").set(await api.as("admin"));
    const unknown = await request(api.app).get("/api/message-templates/no-such-template").set(await api.as("admin"));
    // then
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(Object.keys(found.body.sources).sort(), ["en", "ru"]);
    assert.deepEqual(Object.keys(found.body.sources.ru).sort(), ["html", "sms", "subject", "text"]);
    assert.match(found.body.sources.ru.sms, /Причина: \{\{reason\}\}/);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.type, "application/problem+json");
    assert.match(unknown.body.detail, /"no-such-template"/);
  });

  it("should preview against a real deal in the customer's locale and time zone, escaping HTML", async () => {
    // when
    const res = await request(api.app).post("/api/message-templates/order-confirmed/preview").set(await api.as("operator")).send({ dealId: russianDeal });
    // then
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.dealId, russianDeal);
    assert.equal(res.body.locale, "ru");
    assert.equal(res.body.timeZone, "Europe/Moscow");
    assert.equal(plain(res.body.sms.text), "Заказ WEB-TPL-1 подтверждён, сумма 397,00 ₽. Доставим 14 марта 2026 г. с 18:00 до 20:00.");
    assert.equal(res.body.email.subject, "Заказ WEB-TPL-1 подтверждён");
    assert.doesNotMatch(res.body.email.html, /<script>/);
    assert.match(res.body.email.html, /Спасибо за заказ, &lt;script&gt;alert\(1\)&lt;\/script&gt;!/);
    assert.match(plain(res.body.email.text), /Cucumbers × 2: 298,00 ₽/);
  });

  it("should fall back to the store's time zone, and take the locale, channel and payload asked for", async () => {
    // when
    const res = await request(api.app)
      .post("/api/message-templates/courier-on-the-way/preview")
      .set(await api.as("admin"))
      .send({ dealId: storeZoneDeal, locale: "en", channel: "sms", payload: { courierName: "Ivan", courierPhone: "89001234567" } });
    // then
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.timeZone, "Asia/Yekaterinburg");
    assert.equal(res.body.email, undefined);
    assert.equal(plain(res.body.sms.text), "The courier is on the way with order WEB-TPL-2, expected between 8:00 PM and 10:00 PM. Courier: Ivan, +7 900 123 45 67.");
  });

  it("should preview against sample data without a deal", async () => {
    // when
    const shipped = await request(api.app).post("/api/message-templates/task.overdue/preview").set(await api.as("admin")).send({ locale: "ru", channel: "sms" });
    const given = await request(api.app)
      .post("/api/message-templates/order-cancelled/preview")
      .set(await api.as("admin"))
      .send({ locale: "en", timeZone: "UTC", data: order("SAMPLE-9"), payload: { reason: "store_closed" } });
    // then
    assert.equal(shipped.status, 200, shipped.text);
    assert.equal(shipped.body.dealId, null);
    assert.match(shipped.body.sms.text, /^Просрочена задача «Pick order», заказ WEB-10025/);
    assert.equal(given.status, 200, given.text);
    assert.equal(given.body.sms.text, "Order SAMPLE-9 has been cancelled. Reason: Store closed. We are sorry for the inconvenience.");
    assert.equal(given.body.email.subject, "Order SAMPLE-9 has been cancelled");
  });

  it("should answer 404 for an unknown template or deal and 422 with a pointer for a bad body", async () => {
    // given
    const admin = await api.as("admin");
    const preview = (name: string, body: unknown) => request(api.app).post(`/api/message-templates/${name}/preview`).set(admin).send(body as object);
    // when
    const unknownTemplate = await preview("nope", {});
    const unknownDeal = await preview("order-confirmed", { dealId: "00000000-0000-4000-8000-00000000dead" });
    const badChannel = await preview("order-confirmed", { channel: "fax" });
    const extraField = await preview("order-confirmed", { dealID: russianDeal });
    const both = await preview("order-confirmed", { dealId: russianDeal, data: order("X") });
    const badLocale = await preview("order-confirmed", { locale: "Russian" });
    // then
    assert.equal(unknownTemplate.status, 404);
    assert.match(unknownTemplate.body.detail, /"nope"/);
    assert.equal(unknownDeal.status, 404);
    assert.deepEqual(unknownDeal.body.errors.map((e: { pointer: string }) => e.pointer), ["/dealId"]);
    for (const [res, pointer] of [[badChannel, "/channel"], [extraField, "/dealID"], [both, "/data"], [badLocale, "/locale"]] as const) {
      assert.equal(res.status, 422, res.text);
      assert.equal(res.type, "application/problem+json");
      assert.deepEqual(res.body.errors.map((e: { pointer: string }) => e.pointer), [pointer]);
    }
  });
});
