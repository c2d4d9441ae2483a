import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isTimeZone, localDateTime, zonedInstant } from "./zone.ts";

describe("time zones", () => {
  it("should read the local date, weekday and time of an instant", () => {
    // given an instant late on Monday evening UTC, which is already Tuesday in Moscow
    const at = new Date("2026-03-02T22:30:00Z");
    // when
    const local = localDateTime("Europe/Moscow", at);
    // then
    assert.deepEqual(local, { year: 2026, month: 3, day: 3, weekday: 2, msOfDay: 90 * 60_000 });
  });

  it("should turn a local wall time into its instant", () => {
    // given / when / then
    assert.equal(zonedInstant("Europe/Moscow", { year: 2026, month: 3, day: 2 }, 9 * 3_600_000).toISOString(), "2026-03-02T06:00:00.000Z");
    assert.equal(zonedInstant("Europe/Berlin", { year: 2026, month: 7, day: 1 }, 9 * 3_600_000).toISOString(), "2026-07-01T07:00:00.000Z");
    assert.equal(zonedInstant("Europe/Moscow", { year: 2026, month: 3, day: 2 }, 24 * 3_600_000).toISOString(), "2026-03-02T21:00:00.000Z");
  });

  it("should move a wall time skipped by the spring DST change forward by the gap", () => {
    // given 02:30 on 2026-03-29 in Berlin, which does not exist (02:00 CET → 03:00 CEST)
    const date = { year: 2026, month: 3, day: 29 };
    // when
    const at = zonedInstant("Europe/Berlin", date, 150 * 60_000);
    // then it is 03:30 CEST
    assert.equal(at.toISOString(), "2026-03-29T01:30:00.000Z");
  });

  it("should take the first occurrence of a wall time repeated by the autumn DST change", () => {
    // given 02:30 on 2026-10-25 in Berlin, which happens twice (CEST, then CET)
    const date = { year: 2026, month: 10, day: 25 };
    // when
    const at = zonedInstant("Europe/Berlin", date, 150 * 60_000);
    // then it is the CEST one
    assert.equal(at.toISOString(), "2026-10-25T00:30:00.000Z");
  });

  it("should know IANA time zones and refuse others", () => {
    assert.equal(isTimeZone("Europe/Moscow"), true);
    assert.equal(isTimeZone("Mars/Olympus"), false);
  });
});
