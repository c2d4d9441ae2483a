import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { addWorkingTime, calendarIssues, nextWorkingInstant, workingTimeBetween, type WorkCalendar } from "./calendar.ts";

const weekdays = [{ open: "09:00", close: "21:00" }];
/** A Moscow hypermarket: Mon–Fri 09–21, Sat 10–18, Sunday closed. 2026-03-02 is a Monday. */
const MOSCOW: WorkCalendar = {
  timeZone: "Europe/Moscow",
  week: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [{ open: "10:00", close: "18:00" }] },
};
const everyDay = (timeZone: string, open: string, close: string): WorkCalendar => ({
  timeZone,
  week: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open, close }]])),
});
const iso = (d: Date) => d.toISOString();

describe("working calendar", () => {
  it("should carry a deadline across the night to the next working morning", () => {
    // given Monday 20:30 in Moscow (17:30Z), 30 minutes before closing
    const from = new Date("2026-03-02T17:30:00Z");
    // when two working hours are added
    const due = addWorkingTime(MOSCOW, from, "PT2H");
    // then it is due Tuesday 10:30 Moscow
    assert.equal(iso(due), "2026-03-03T07:30:00.000Z");
  });

  it("should skip a holiday and a closed Sunday", () => {
    // given Saturday 17:00 in Moscow and Monday 2026-03-09 a holiday
    const calendar = { ...MOSCOW, holidays: ["2026-03-09"] };
    const from = new Date("2026-03-07T14:00:00Z");
    // when three working hours are added
    const due = addWorkingTime(calendar, from, "PT3H");
    // then one hour on Saturday, two on Tuesday: Tuesday 11:00 Moscow
    assert.equal(iso(due), "2026-03-10T08:00:00.000Z");
  });

  it("should end exactly at closing when the time fills the day", () => {
    // given Monday 19:00 Moscow
    const from = new Date("2026-03-02T16:00:00Z");
    // when / then
    assert.equal(iso(addWorkingTime(MOSCOW, from, "PT2H")), "2026-03-02T18:00:00.000Z");
  });

  it("should skip a lunch break between two intervals of a day", () => {
    // given a UTC office open 09–13 and 14–18, Monday 12:30
    const calendar: WorkCalendar = { timeZone: "UTC", week: { mon: [{ open: "14:00", close: "18:00" }, { open: "09:00", close: "13:00" }] } };
    // when / then
    assert.equal(iso(addWorkingTime(calendar, new Date("2026-03-02T12:30:00Z"), "PT1H")), "2026-03-02T14:30:00.000Z");
  });

  it("should count working days as the same local time on the next working day", () => {
    // given Monday 10:00 Moscow
    const monday = new Date("2026-03-02T07:00:00Z");
    // when / then a day later is Tuesday 10:00
    assert.equal(iso(addWorkingTime(MOSCOW, monday, "P1D")), "2026-03-03T07:00:00.000Z");
    // and from Saturday 10:30 a day later is Monday 10:30
    assert.equal(iso(addWorkingTime(MOSCOW, new Date("2026-03-07T07:30:00Z"), "P1D")), "2026-03-09T07:30:00.000Z");
  });

  it("should stop a working day at closing when the next working day closes earlier", () => {
    // given Friday 20:30 Moscow; Saturday closes at 18:00
    const friday = new Date("2026-03-06T17:30:00Z");
    // when / then
    assert.equal(iso(addWorkingTime(MOSCOW, friday, "P1D")), "2026-03-07T15:00:00.000Z");
    assert.equal(iso(addWorkingTime(MOSCOW, friday, "P1DT1H")), "2026-03-09T07:00:00.000Z");
  });

  it("should stay right across a spring DST change", () => {
    // given Berlin 09–21 every day, Saturday 2026-03-28 20:30 CET; clocks go forward on Sunday night
    const calendar = everyDay("Europe/Berlin", "09:00", "21:00");
    const from = new Date("2026-03-28T19:30:00Z");
    // when
    const due = addWorkingTime(calendar, from, "PT2H");
    // then Sunday 10:30 CEST
    assert.equal(iso(due), "2026-03-29T08:30:00.000Z");
  });

  it("should count real elapsed hours and calendar days on 23- and 25-hour days", () => {
    // given a store open around the clock in Berlin, Saturday 12:00 CET before the DST change
    const calendar = everyDay("Europe/Berlin", "00:00", "24:00");
    const from = new Date("2026-03-28T11:00:00Z");
    // when / then 24 working hours are 24 real hours; a working day is Sunday 12:00 CEST, 23 hours later
    assert.equal(iso(addWorkingTime(calendar, from, "PT24H")), "2026-03-29T11:00:00.000Z");
    assert.equal(iso(addWorkingTime(calendar, from, "P1D")), "2026-03-29T10:00:00.000Z");
    // and on the 25-hour autumn day a working day from Saturday 12:00 CEST is Sunday 12:00 CET
    assert.equal(iso(addWorkingTime(calendar, new Date("2026-10-24T10:00:00Z"), "P1D")), "2026-10-25T11:00:00.000Z");
  });

  it("should find the next working instant", () => {
    // given / when / then: open now → now; at closing → next opening; Saturday evening with a Monday holiday → Tuesday 09:00
    assert.equal(iso(nextWorkingInstant(MOSCOW, new Date("2026-03-02T07:00:00Z"))), "2026-03-02T07:00:00.000Z");
    assert.equal(iso(nextWorkingInstant(MOSCOW, new Date("2026-03-02T18:00:00Z"))), "2026-03-03T06:00:00.000Z");
    const calendar = { ...MOSCOW, holidays: ["2026-03-09"] };
    assert.equal(iso(nextWorkingInstant(calendar, new Date("2026-03-07T16:00:00Z"))), "2026-03-10T06:00:00.000Z");
  });

  it("should measure working time between two instants", () => {
    // given Monday 20:00 and Tuesday 10:00 Moscow
    const from = new Date("2026-03-02T17:00:00Z");
    const to = new Date("2026-03-03T07:00:00Z");
    // when / then one hour each day
    assert.equal(workingTimeBetween(MOSCOW, from, to), 2 * 3_600_000);
    assert.equal(workingTimeBetween(MOSCOW, to, from), 0);
  });

  it("should refuse a calendar without working time instead of looping", () => {
    // given a calendar closed every day
    const closed: WorkCalendar = { timeZone: "Europe/Moscow", week: {} };
    // when / then
    assert.throws(() => nextWorkingInstant(closed, new Date("2026-03-02T07:00:00Z")), RangeError);
    assert.throws(() => addWorkingTime(closed, new Date("2026-03-02T07:00:00Z"), "P1D"), RangeError);
  });

  it("should refuse months and negative durations as working time", () => {
    const from = new Date("2026-03-02T07:00:00Z");
    assert.throws(() => addWorkingTime(MOSCOW, from, "P1M"), RangeError);
    assert.throws(() => addWorkingTime(MOSCOW, from, "-PT1H"), RangeError);
    assert.throws(() => addWorkingTime(MOSCOW, from, "2h"), RangeError);
  });

  it("should list what is wrong with a calendar", () => {
    // given a usable calendar and a broken one
    const broken: WorkCalendar = {
      timeZone: "Mars/Olympus",
      week: { mon: [{ open: "21:00", close: "09:00" }], tue: [{ open: "09:00", close: "13:00" }, { open: "12:00", close: "18:00" }] },
      holidays: ["9 May"],
    };
    // when / then
    assert.deepEqual(calendarIssues({ ...MOSCOW, holidays: ["2026-03-09"] }), []);
    assert.deepEqual(calendarIssues(broken), [
      'time zone "Mars/Olympus" is not a known IANA time zone',
      "mon 21:00–09:00 is not an interval of HH:MM times",
      "tue intervals overlap",
      'holiday "9 May" is not a YYYY-MM-DD date',
    ]);
    assert.deepEqual(calendarIssues({ timeZone: "UTC", week: {} }), ["no day has opening hours"]);
  });
});
