import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { addDuration, parseDuration } from "./duration.ts";
import { nextCron, parseCron } from "./cron.ts";
import { firstDue, nextDue, parseTimerText, resolveTimer } from "./schedule.ts";

const NOW = new Date("2026-03-02T09:00:00.000Z");

function due(kind: "date" | "duration" | "cycle", expression: string, now = NOW, data: Record<string, unknown> = {}) {
  const d = firstDue(resolveTimer({ kind, expression }, () => data), now);
  return d && { at: d.at.toISOString(), left: d.left };
}

describe("durations", () => {
  it("should add durations exactly in UTC", () => {
    // given
    const from = new Date("2026-01-31T10:00:00Z");
    // when / then
    assert.equal(addDuration(from, parseDuration("PT1H")!).toISOString(), "2026-01-31T11:00:00.000Z");
    assert.equal(addDuration(from, parseDuration("P1DT2H")!).toISOString(), "2026-02-01T12:00:00.000Z");
    assert.equal(addDuration(from, parseDuration("P1W")!).toISOString(), "2026-02-07T10:00:00.000Z");
    assert.equal(addDuration(from, parseDuration("P1M")!).toISOString(), "2026-02-28T10:00:00.000Z");
    assert.equal(addDuration(from, parseDuration("P1Y2M")!).toISOString(), "2027-03-31T10:00:00.000Z");
    assert.equal(addDuration(from, parseDuration("PT1.5S")!).toISOString(), "2026-01-31T10:00:01.500Z");
    assert.equal(addDuration(from, parseDuration("-PT30M")!).toISOString(), "2026-01-31T09:30:00.000Z");
  });

  it("should refuse what is not a duration", () => {
    for (const text of ["P", "PT", "1H", "P1H", "PT1D", ""]) assert.equal(parseDuration(text), undefined, text);
  });
});

describe("cron", () => {
  it("should find the next occurrence of 5- and 6-field expressions in UTC", () => {
    const next = (expr: string, after = NOW) => nextCron(parseCron(expr)!, after)?.toISOString();
    assert.equal(next("0 2 * * *"), "2026-03-03T02:00:00.000Z");
    assert.equal(next("*/15 * * * *"), "2026-03-02T09:15:00.000Z");
    assert.equal(next("30 9 * * MON-FRI", new Date("2026-03-06T10:00:00Z")), "2026-03-09T09:30:00.000Z");
    assert.equal(next("0 0 1 JAN *"), "2027-01-01T00:00:00.000Z");
    assert.equal(next("*/10 * * * * *"), "2026-03-02T09:00:10.000Z");
    assert.equal(next("0 12 13 * 5"), "2026-03-06T12:00:00.000Z");
    assert.equal(next("0 0 29 2 *"), "2028-02-29T00:00:00.000Z");
    assert.equal(next("0 0 * * 7", new Date("2026-03-02T00:00:00Z")), "2026-03-08T00:00:00.000Z");
  });

  it("should refuse malformed expressions", () => {
    for (const text of ["* * * *", "60 * * * *", "* * * * * * *", "5-1 * * * *", "*/0 * * * *", "x * * * *"]) {
      assert.equal(parseCron(text), undefined, text);
    }
  });
});

describe("timer schedules", () => {
  it("should compute dates, durations and cycles", () => {
    assert.deepEqual(due("date", "2026-04-01T10:00:00Z"), { at: "2026-04-01T10:00:00.000Z", left: undefined });
    assert.deepEqual(due("date", "2026-04-01T10:00:00"), { at: "2026-04-01T10:00:00.000Z", left: undefined });
    assert.deepEqual(due("duration", "PT1H"), { at: "2026-03-02T10:00:00.000Z", left: undefined });
    assert.deepEqual(due("cycle", "R3/PT10H"), { at: "2026-03-02T19:00:00.000Z", left: 2 });
    assert.deepEqual(due("cycle", "R/PT5M"), { at: "2026-03-02T09:05:00.000Z", left: undefined });
    assert.deepEqual(due("cycle", "0 2 * * *"), { at: "2026-03-03T02:00:00.000Z", left: undefined });
  });

  it("should follow a cycle with a start date, counting the occurrences already past", () => {
    // given
    const s = parseTimerText("cycle", "R3/2026-03-01T00:00:00Z/P1D")!;
    // when / then
    assert.deepEqual(firstDue(s, NOW), { at: new Date("2026-03-03T00:00:00Z"), left: 0 });
    assert.deepEqual(firstDue(s, new Date("2026-02-01T00:00:00Z")), { at: new Date("2026-03-01T00:00:00Z"), left: 2 });
    assert.deepEqual(nextDue(s, new Date("2026-03-01T00:00:00Z"), undefined), { at: new Date("2026-03-02T00:00:00Z"), left: 1 });
    assert.equal(nextDue(s, new Date("2026-03-03T00:00:00Z"), undefined), undefined);
  });

  it("should count down an undated cycle and stop", () => {
    // given
    const s = parseTimerText("cycle", "R2/PT1H")!;
    // when / then
    assert.deepEqual(nextDue(s, NOW, 1), { at: new Date("2026-03-02T10:00:00Z"), left: 0 });
    assert.equal(nextDue(s, NOW, 0), undefined);
    assert.equal(nextDue(parseTimerText("duration", "PT1H")!, NOW, undefined), undefined);
  });

  it("should evaluate FEEL to a date, a duration or a cycle string", () => {
    const data = { slot: { end: "2026-03-05T18:00:00Z" }, wait: "PT2H" };
    assert.equal(due("date", "= date and time(slot.end)", NOW, data)?.at, "2026-03-05T18:00:00.000Z");
    assert.equal(due("date", '= date and time(slot.end) - duration("PT1H")', NOW, data)?.at, "2026-03-05T17:00:00.000Z");
    assert.equal(due("date", '= date("2026-03-10")', NOW, data)?.at, "2026-03-10T00:00:00.000Z");
    assert.equal(due("duration", "= wait", NOW, data)?.at, "2026-03-02T11:00:00.000Z");
    assert.equal(due("duration", '= duration("P1D") + duration("PT1H")', NOW, data)?.at, "2026-03-03T10:00:00.000Z");
    assert.deepEqual(due("cycle", '= "R2/PT1H"', NOW, data), { at: "2026-03-02T10:00:00.000Z", left: 1 });
  });

  it("should refuse a timer that is none of those with an expression error", () => {
    assert.throws(() => due("date", "tomorrow"), { code: "expression" });
    assert.throws(() => due("duration", "= missing"), { code: "expression" });
    assert.throws(() => due("cycle", "R0/PT1H"), { code: "expression" });
    assert.throws(() => due("cycle", "R/PT0S"), { code: "expression" });
  });
});
