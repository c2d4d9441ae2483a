import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sample from "../../../definitions/templates/sample.json" with { type: "json" };
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { Entities, type DealRow, type StoreRow } from "../../store/index.ts";
import { SHIPPED_TEMPLATES_DIR } from "./catalogue.ts";
import { outboxMessageRenderer } from "./outbox-renderer.ts";
import { createTemplateRenderer } from "./renderer.ts";

const renderer = createTemplateRenderer([SHIPPED_TEMPLATES_DIR]);

function deal(customer: Record<string, unknown>): DealRow {
  return { ...sample.deal, externalId: "WEB-7", store: "A", data: { ...sample.order, externalId: "WEB-7", customer } } as unknown as DealRow;
}

describe("outbox message renderer", () => {
  let db: TestDatabase;
  const defaultLocale = process.env.ORDER_ROUTES_DEFAULT_LOCALE;
  before(async () => {
    delete process.env.ORDER_ROUTES_DEFAULT_LOCALE;
    db = await openTestDatabase();
    await db.dataSource.getRepository<StoreRow>(Entities.Store).save({ id: "A", name: "Store A", city: null, calendar: { timeZone: "Asia/Omsk", week: {} } });
  });
  after(async () => {
    if (defaultLocale !== undefined) process.env.ORDER_ROUTES_DEFAULT_LOCALE = defaultLocale;
    await db.close();
  });

  it("should render a customer message in the customer's locale, in the store's time zone when the customer has none", async () => {
    // given
    const render = outboxMessageRenderer(db.dataSource, () => renderer);
    const row = { template: "order-confirmed", payload: { to: "+79123456789" }, audience: "customer" as const };
    // when
    const sms = await render(row, deal({ phone: "+79123456789", locale: "ru" }), "sms");
    // then
    assert.equal(sms?.locale, "ru");
    assert.match(sms!.text, /^Заказ WEB-7 подтверждён.* с 21:00 до 23:00\.$/);
  });

  it("should render a staff notification in the default locale, not the customer's, and nothing for a row without a template", async () => {
    // given
    const render = outboxMessageRenderer(db.dataSource, () => renderer);
    const payload = sample.payloads["task.overdue"];
    // when
    const email = await render({ template: "task.overdue", payload, audience: "staff" }, deal({ phone: "+79123456789", locale: "ru", timeZone: "Europe/Moscow" }), "email");
    const none = await render({ template: null, payload: {}, audience: "customer" }, null, "sms");
    // then
    assert.equal(email?.channel, "email");
    assert.equal(email?.locale, "en");
    assert.equal(email?.channel === "email" && email.subject, "Overdue: Pick order (order WEB-7)");
    assert.equal(none, undefined);
  });
});
