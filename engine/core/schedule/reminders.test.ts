import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { WorkCalendar } from "./calendar.ts";
import { reminderSchedule } from "./reminders.ts";

const hours = [{ open: "09:00", close: "21:00" }];
/** Moscow, Mon–Fri 09–21; 2026-03-02 is a Monday. */
const MOSCOW: WorkCalendar = { timeZone: "Europe/Moscow", week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } };
const DUE = new Date("2026-03-02T12:00:00Z");
const next = (now: string, interval = "PT1H", calendar?: WorkCalendar, due = DUE) => reminderSchedule(due, interval, new Date(now), calendar).toISOString();

describe("reminder schedule", () => {
  it("should remind one interval after the due instant, then every interval", () => {
    // given a task due at 12:00Z, reminded hourly
    // when / then
    assert.equal(next("2026-03-02T11:00:00Z"), "2026-03-02T13:00:00.000Z");
    assert.equal(next("2026-03-02T12:00:00Z"), "2026-03-02T13:00:00.000Z");
    assert.equal(next("2026-03-02T13:00:00Z"), "2026-03-02T14:00:00.000Z");
    assert.equal(next("2026-03-02T15:30:00Z"), "2026-03-02T16:00:00.000Z");
  });

  it("should jump straight to the next reminder after a long outage", () => {
    // given a task due on New Year, reminded every 15 minutes, and a server back two months later
    const due = new Date("2026-01-01T00:00:00Z");
    // when / then
    assert.equal(next("2026-03-02T09:07:00Z", "PT15M", undefined, due), "2026-03-02T09:15:00.000Z");
  });

  it("should remind within working hours only when the store has a calendar", () => {
    // given a task due Monday 20:00 Moscow (17:00Z), reminded every working hour
    const due = new Date("2026-03-02T17:00:00Z");
    // when / then: 21:00 closing, then Tuesday 10:00, 11:00
    assert.equal(next("2026-03-02T17:00:00Z", "PT1H", MOSCOW, due), "2026-03-02T18:00:00.000Z");
    assert.equal(next("2026-03-02T18:00:00Z", "PT1H", MOSCOW, due), "2026-03-03T07:00:00.000Z");
    assert.equal(next("2026-03-03T06:30:00Z", "PT1H", MOSCOW, due), "2026-03-03T07:00:00.000Z");
    assert.equal(next("2026-03-03T07:00:00Z", "PT1H", MOSCOW, due), "2026-03-03T08:00:00.000Z");
  });

  it("should skip the weekend for daily reminders in working time", () => {
    // given a task due Thursday 10:00 Moscow, reminded every working day
    const due = new Date("2026-03-05T07:00:00Z");
    // when / then Friday 10:00, then Monday 10:00
    assert.equal(next("2026-03-05T08:00:00Z", "P1D", MOSCOW, due), "2026-03-06T07:00:00.000Z");
    assert.equal(next("2026-03-06T07:00:00Z", "P1D", MOSCOW, due), "2026-03-09T07:00:00.000Z");
  });

  it("should refuse an empty, negative or monthly interval", () => {
    for (const interval of ["PT0S", "-PT1H", "P1M", "often"]) {
      assert.throws(() => reminderSchedule(DUE, interval, DUE), RangeError, interval);
    }
  });
});
