import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import sample from "../../../definitions/templates/sample.json" with { type: "json" };
import { CHANNEL_PARTS, SHIPPED_TEMPLATES_DIR } from "./catalogue.ts";
import { messageContext, type MessageDeal } from "./context.ts";
import { createTemplateRenderer } from "./renderer.ts";

const CUSTOMER = ["order-confirmed", "ready-for-pickup", "courier-on-the-way", "order-cancelled"];
const STAFF = ["task.overdue", "task.almost_due", "task.assigned", "task.created", "task.reassigned", "mention"];
const LOCALES = ["en", "ru"];
const PARTS = ["sms", "subject", "html", "text"];
const renderer = createTemplateRenderer([SHIPPED_TEMPLATES_DIR]);
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

function sampleDeal(order: Record<string, unknown> = sample.order): MessageDeal {
  return { ...(sample.deal as Omit<MessageDeal, "data" | "externalId">), externalId: String(order.externalId), data: order };
}

function renderAll(name: string, locale: string, order?: Record<string, unknown>, payload?: Record<string, unknown>) {
  const context = messageContext(sampleDeal(order), payload ?? (sample.payloads as Record<string, Record<string, unknown>>)[name]!);
  const email = renderer.render(name, "email", locale, context, { timeZone: "Europe/Moscow" });
  const sms = renderer.render(name, "sms", locale, context, { timeZone: "Europe/Moscow" });
  assert.equal(email.channel, "email");
  return { email, sms, all: plain([email.subject, email.html, email.text, sms.text].join("\n")) };
}

describe("shipped message templates", () => {
  it("should have every file of every template in every locale, and nothing else", () => {
    // given
    const expected = [...CUSTOMER, ...STAFF].sort();
    // when
    const listed = renderer.list();
    // then
    assert.deepEqual(listed.map((t) => t.name), expected);
    for (const template of listed) {
      assert.deepEqual(template.channels, ["email", "sms"], template.name);
      assert.deepEqual(template.locales, LOCALES, template.name);
      assert.deepEqual(template.missing, [], template.name);
      for (const locale of LOCALES) for (const part of PARTS) assert.ok(existsSync(join(SHIPPED_TEMPLATES_DIR, locale, `${template.name}.${part}.hbs`)), `${locale}/${template.name}.${part}.hbs`);
    }
    assert.deepEqual(Object.values(CHANNEL_PARTS).flat().sort(), [...PARTS].sort());
  });

  it("should compile every file", () => {
    assert.doesNotThrow(() => renderer.check());
  });

  for (const name of [...CUSTOMER, ...STAFF]) {
    for (const locale of LOCALES) {
      it(`should render ${name} in ${locale} against the sample deal with its values and no blanks`, () => {
        // when
        const { email, sms, all } = renderAll(name, locale);
        // then
        assert.equal(email.locale, locale);
        assert.equal(sms.locale, locale);
        assert.ok(all.includes("WEB-10025"), "the order number");
        for (const part of [email.subject, email.text, sms.text]) assert.ok(part.trim().length > 10, `a part is nearly empty: ${JSON.stringify(part)}`);
        assert.doesNotMatch(all, /\{\{|\}\}|undefined|null|NaN|\[object Object\]/);
        assert.doesNotMatch(all, /(: |«)[.,»]|\(\)|, \./, "an empty value left punctuation behind");
        assert.match(email.html, /^<!DOCTYPE html>/);
        assert.match(email.html, new RegExp(`<html lang="${locale}">`));
      });
    }
  }

  it("should write the customer's details in their locale and time zone", () => {
    // when
    const ru = renderAll("order-confirmed", "ru");
    const en = renderAll("order-confirmed", "en");
    // then
    assert.equal(plain(ru.sms.text), "Заказ WEB-10025 подтверждён, сумма 1 234,50 ₽. Доставим 14 марта 2026 г. с 18:00 до 20:00.");
    assert.equal(ru.email.subject, "Заказ WEB-10025 подтверждён");
    assert.match(ru.all, /Спасибо за заказ, Anna Petrova!/);
    assert.match(ru.all, /Cheese 200 g × 1: 1 035,50 ₽/);
    assert.match(ru.email.html, /<td[^>]*>Kvass 1 l<\/td>/);
    assert.match(ru.all, /Итого: 1 234,50 ₽/);
    assert.match(plain(en.sms.text), /total ₽1,234.50\. We will deliver it on March 14, 2026 between 6:00 PM and 8:00 PM\./);
  });

  it("should tell a pickup customer when the order is ready and a delivery customer who brings it", () => {
    // given
    const pickup = { ...sample.order, fulfilment: { type: "pickup" }, payment: { type: "prepaid", paid: true } };
    // when
    const confirmed = renderAll("order-confirmed", "ru", pickup);
    const ready = renderAll("ready-for-pickup", "en", pickup);
    const courier = renderAll("courier-on-the-way", "ru");
    // then
    assert.match(confirmed.sms.text, /Пришлём SMS, когда его можно будет забрать\./);
    assert.match(confirmed.email.text, /Заказ оплачен\./);
    assert.doesNotMatch(ready.all, /To pay/);
    assert.match(ready.sms.text, /^Order WEB-10025 is ready for pickup\. Please give/);
    assert.equal(plain(courier.sms.text), "Курьер уже везёт заказ WEB-10025, будет у вас с 18:00 до 20:00. Курьер: Ivan, +7 900 123 45 67.");
  });

  it("should show the cancellation reason's label, from the payload or the deal", () => {
    // given
    const lost = { ...sampleDeal(), lostReason: "not_collected", outcome: "lost" as const, status: "completed" as const };
    // when
    const fromPayload = renderAll("order-cancelled", "ru");
    const fromDeal = renderer.render("order-cancelled", "sms", "en", messageContext(lost, { to: "+79123456789" }));
    // then
    assert.match(fromPayload.sms.text, /Причина: Нет в наличии\./);
    assert.match(fromPayload.email.html, /Причина: <strong>Нет в наличии<\/strong>/);
    assert.match(fromDeal.text, /Reason: Order not collected\./);
  });

  it("should escape a hostile customer name in HTML email", () => {
    // given
    const order = { ...sample.order, customer: { ...sample.order.customer, name: "<script>alert(1)</script>" } };
    // when
    const { email } = renderAll("order-confirmed", "en", order);
    // then
    assert.doesNotMatch(email.html, /<script>/);
    assert.match(email.html, /Thank you, &lt;script&gt;alert\(1\)&lt;\/script&gt;!/);
    assert.match(email.text, /Thank you, <script>alert\(1\)<\/script>!/);
  });

  it("should tell staff about their task in their language", () => {
    // when
    const overdue = renderAll("task.overdue", "ru");
    const mention = renderAll("mention", "en");
    // then
    assert.equal(plain(overdue.sms.text), "Просрочена задача «Pick order», заказ WEB-10025, срок был 14.03.2026, 13:00.");
    assert.match(overdue.email.text, /Клиент: Anna Petrova, \+7 912 345 67 89/);
    assert.match(plain(overdue.email.html), /Срок<\/td><td[^>]*>14 марта 2026 г\. в 13:00/);
    assert.equal(mention.email.subject, "operator mentioned you on order WEB-10025");
    assert.match(mention.email.html, /<blockquote[^>]*>Customer asks for paper bags, @store-a\.<\/blockquote>/);
  });

  it("should write the task's own title, not the English notification title, in Russian", () => {
    // given
    const payload = { ...sample.payloads["task.created"], title: "New task: Pack order WEB-10025", data: { ...sample.payloads["task.created"].data, taskTitle: "Pack order WEB-10025" } };
    // when
    const created = renderAll("task.created", "ru", undefined, payload);
    // then
    assert.match(created.sms.text, /^Новая задача «Pack order WEB-10025», заказ WEB-10025/);
    assert.doesNotMatch(created.all, /New task/);
  });

  it("should name the mention's author in Russian: the name, else the login, else no one", () => {
    // given
    const base = sample.payloads.mention;
    // when
    const named = renderAll("mention", "ru");
    const loginOnly = renderAll("mention", "ru", undefined, { ...base, data: { author: { login: "store-b" } } });
    const anonymous = renderAll("mention", "ru", undefined, { ...base, data: null });
    // then
    assert.equal(named.email.subject, "Olga Operator упоминает вас в комментарии к заказу WEB-10025");
    assert.equal(named.sms.text, "Olga Operator упоминает вас в заказе WEB-10025: «Customer asks for paper bags, @store-a.»");
    assert.match(named.email.text, /^Olga Operator упоминает вас в комментарии к заказу WEB-10025:/);
    assert.match(named.email.html, /<p[^>]*>Olga Operator упоминает вас в комментарии к заказу WEB-10025:<\/p>/);
    assert.equal(loginOnly.email.subject, "store-b упоминает вас в комментарии к заказу WEB-10025");
    assert.equal(anonymous.email.subject, "Вас упомянули в комментарии к заказу WEB-10025");
  });
});
