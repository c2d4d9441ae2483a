import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Handlebars from "handlebars";
import { formatMoment, formatMoney, isTimeZone, reasonLabel, registerMessageHelpers } from "./helpers.ts";

/** Non-breaking and narrow spaces as plain spaces, to compare with what a reader sees. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

function render(source: string, context: Record<string, unknown>, locale = "en", timeZone = "UTC"): string {
  const hb = Handlebars.create();
  registerMessageHelpers(hb);
  return hb.compile(source, { noEscape: true })(context, { data: { locale, timeZone } });
}

describe("message helpers", () => {
  it("should write money the way the locale does", () => {
    // when / then
    assert.equal(plain(formatMoney(1234.5, "RUB", "ru")), "1 234,50 ₽");
    assert.equal(formatMoney(1234.5, "RUB", "en"), "₽1,234.50");
    assert.equal(formatMoney("99.9", "USD", "en"), "$99.90");
    assert.equal(formatMoney(undefined, "RUB", "ru"), "");
    assert.equal(formatMoney("abc", "RUB", "ru"), "");
  });

  it("should take the currency from the argument, else the order's totals", () => {
    // given
    const context = { totals: { total: 10, currency: "EUR" }, price: 5 };
    // when
    const out = render("{{money totals.total}} / {{money price \"USD\"}}", context);
    // then
    assert.equal(out, "€10.00 / $5.00");
  });

  it("should write moments in the recipient's time zone and locale", () => {
    // given
    const at = "2026-03-14T15:00:00Z";
    // when / then
    assert.equal(formatMoment(at, "time", "ru", "Europe/Moscow"), "18:00");
    assert.equal(formatMoment(at, "date", "ru", "Europe/Moscow"), "14 марта 2026 г.");
    assert.equal(plain(formatMoment(at, "datetime", "en", "America/New_York")), "March 14, 2026 at 11:00 AM");
    assert.equal(formatMoment("2026-03-14T23:30:00Z", "date", "en", "Asia/Vladivostok"), "March 15, 2026");
  });

  it("should keep a calendar date on its day whatever the time zone", () => {
    // when / then
    assert.equal(formatMoment("2026-03-14", "date", "en", "America/Los_Angeles"), "March 14, 2026");
  });

  it("should write nothing for a missing or unparseable moment and fall back to UTC for an unknown zone", () => {
    // when / then
    assert.equal(formatMoment(undefined, "date", "en", "UTC"), "");
    assert.equal(formatMoment("not a date", "time", "en", "UTC"), "");
    assert.equal(plain(formatMoment("2026-03-14T15:00:00Z", "time", "en", "Mars/Olympus")), "3:00 PM");
    assert.equal(isTimeZone("Mars/Olympus"), false);
    assert.equal(isTimeZone("Europe/Moscow"), true);
  });

  it("should pass the style to date helpers and read @locale and @timeZone", () => {
    // given
    const context = { slot: { start: "2026-03-14T15:00:00Z" } };
    // when
    const out = render('{{date slot.start style="short"}} {{time slot.start}} | {{datetime slot.start style="medium"}}', context, "ru", "Europe/Moscow");
    // then
    assert.equal(plain(out), "14.03.2026 18:00 | 14 мар. 2026 г., 18:00");
  });

  it("should format phone numbers internationally and leave garbage as it is", () => {
    // when
    const out = render("{{phone a}} | {{phone b}} | {{phone c}}", { a: "89123456789", b: "+1 (212) 555-0100", c: "call me" });
    // then
    assert.equal(out, "+7 912 345 67 89 | +1 212 555 0100 | call me");
  });

  it("should label reason codes in the locale, bare {{reason}} from the context or the deal", () => {
    // when / then
    assert.equal(reasonLabel("out_of_stock", "ru"), "Нет в наличии");
    assert.equal(reasonLabel("out_of_stock", "ru-RU"), "Нет в наличии");
    assert.equal(reasonLabel("out_of_stock", "de"), "Out of stock");
    assert.equal(reasonLabel("made_up", "en"), "made_up");
    assert.equal(render("{{reason code}}", { code: "not_collected" }, "en"), reasonLabel("not_collected", "en"));
    assert.equal(render("{{reason}}", { reason: "store_closed" }, "ru"), "Магазин закрыт");
    assert.equal(render("{{reason}}", { deal: { lostReason: "fake_order" } }, "ru"), "Фейковый заказ");
    assert.equal(render("[{{reason}}]", { deal: { lostReason: null } }, "ru"), "[]");
  });

  it("should compare with eq and multiply for line totals", () => {
    // when
    const out = render('{{#if (eq type "delivery")}}D{{else}}P{{/if}} {{money (multiply quantity price) "RUB"}}', { type: "delivery", quantity: 3, price: 33.3 }, "ru");
    // then
    assert.equal(plain(out), "D 99,90 ₽");
  });
});
