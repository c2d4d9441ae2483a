import assert from "node:assert/strict";
import { test } from "node:test";
import { quietHoursIssues, quietUntil } from "./quiet-hours.ts";

const NIGHT = { from: "21:00", to: "09:00" };

test("should hold a late-evening message until 09:00 the next morning in the customer's time zone", () => {
  // given 22:30 in Moscow (UTC+3)
  const at = new Date("2026-11-23T19:30:00Z");
  // then
  assert.equal(quietUntil(at, "Europe/Moscow", NIGHT)?.toISOString(), "2026-11-24T06:00:00.000Z");
});

test("should hold an early-morning message until 09:00 the same day", () => {
  // given 05:10 in Novosibirsk (UTC+7)
  const at = new Date("2026-11-23T22:10:00Z");
  assert.equal(quietUntil(at, "Asia/Novosibirsk", NIGHT)?.toISOString(), "2026-11-24T02:00:00.000Z");
});

test("should let a daytime message go and treat the window's end as open", () => {
  assert.equal(quietUntil(new Date("2026-11-23T12:00:00Z"), "Europe/Moscow", NIGHT), null);
  assert.equal(quietUntil(new Date("2026-11-23T06:00:00Z"), "Europe/Moscow", NIGHT), null, "09:00 sharp is allowed");
  assert.notEqual(quietUntil(new Date("2026-11-23T18:00:00Z"), "Europe/Moscow", NIGHT), null, "21:00 sharp is quiet");
});

test("should handle a window inside one day and a DST change", () => {
  // given a lunch-time window
  assert.equal(quietUntil(new Date("2026-07-01T12:30:00Z"), "UTC", { from: "12:00", to: "13:00" })?.toISOString(), "2026-07-01T13:00:00.000Z");
  // given 23:00 on the night Berlin springs forward (2026-03-29 02:00 → 03:00); 09:00 CEST = 07:00Z
  assert.equal(quietUntil(new Date("2026-03-28T22:00:00Z"), "Europe/Berlin", NIGHT)?.toISOString(), "2026-03-29T07:00:00.000Z");
});

test("should name malformed windows and unknown zones", () => {
  assert.deepEqual(quietHoursIssues({ from: "9pm", to: "09:00" }, "Mars/Base"), ['Quiet hours start "9pm" is not HH:MM.', '"Mars/Base" is not an IANA time zone.']);
  assert.deepEqual(quietHoursIssues(NIGHT, "Europe/Moscow"), []);
});
