import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TaskTemplate } from "../route.ts";
import { EngineError } from "../errors.ts";
import type { WorkCalendar } from "./calendar.ts";
import { taskTiming, type TaskTiming } from "./task-timing.ts";

/** 11:00 in Moscow on Monday 2026-03-02. */
const CREATED = new Date("2026-03-02T08:00:00Z");
const DATA = { fulfilment: { type: "delivery", slot: { start: "2026-03-02T15:00:00+03:00", end: "2026-03-02T17:00:00+03:00" } } };
const hours = [{ open: "09:00", close: "21:00" }];
const MOSCOW: WorkCalendar = { timeZone: "Europe/Moscow", week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays: ["2026-03-03"] };

function template(timing: Partial<TaskTemplate>): TaskTemplate {
  return { title: "Deliver", checklist: [], observers: [], ...timing };
}

function timing(t: Partial<TaskTemplate>, createdAt = CREATED, calendar?: WorkCalendar, data: Record<string, unknown> = DATA) {
  const out: TaskTiming = taskTiming(template(t), data, createdAt, calendar, "Deliver");
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, (v as Date).toISOString()]));
}

function refusal(t: Partial<TaskTemplate>, data: Record<string, unknown> = DATA): EngineError {
  try {
    taskTiming(template(t), data, CREATED, undefined, "Deliver");
  } catch (err) {
    assert.ok(err instanceof EngineError, String(err));
    return err;
  }
  assert.fail("expected an EngineError");
}

describe("task timing", () => {
  it("should open a courier task 1 h before the delivery slot and make it due 30 min before the slot ends", () => {
    // given a slot 15:00–17:00 Moscow and the courier template of the issue
    const slot = { from: "= fulfilment.slot.start", fromOffset: "-PT1H", to: "= fulfilment.slot.end", toOffset: "-PT30M" };
    // when
    const t = timing({ slot });
    // then opens and shows at 14:00, due 16:30, almost overdue after 80 % of 2 h 30 min = 16:00 (Moscow)
    assert.deepEqual(t, {
      dueAt: "2026-03-02T13:30:00.000Z",
      opensAt: "2026-03-02T11:00:00.000Z",
      visibleFrom: "2026-03-02T11:00:00.000Z",
      almostDueAt: "2026-03-02T13:00:00.000Z",
    });
  });

  it("should make a task due a duration after creation and warn at 80 % of it", () => {
    // given / when
    const t = timing({ deadline: "PT4H" });
    // then
    assert.deepEqual(t, { dueAt: "2026-03-02T12:00:00.000Z", almostDueAt: "2026-03-02T11:12:00.000Z" });
  });

  it("should count a duration deadline and its warning in working time across a night and a holiday", () => {
    // given Monday 20:30 Moscow, Tuesday a holiday
    const created = new Date("2026-03-02T17:30:00Z");
    // when
    const t = timing({ deadline: "PT2H" }, created, MOSCOW);
    // then 30 min on Monday, 1 h 30 on Wednesday: due 10:30; 80 % of 2 h (1 h 36) is Wednesday 10:06
    assert.deepEqual(t, { dueAt: "2026-03-04T07:30:00.000Z", almostDueAt: "2026-03-04T07:06:00.000Z" });
  });

  it("should take a FEEL deadline as the date-time it gives, untouched by working hours", () => {
    // given / when / then
    assert.equal(timing({ deadline: "= fulfilment.slot.end" }, CREATED, MOSCOW).dueAt, "2026-03-02T14:00:00.000Z");
    assert.equal(timing({ deadline: '= date and time(fulfilment.slot.end) - duration("PT30M")' }).dueAt, "2026-03-02T13:30:00.000Z");
    assert.equal(timing({ deadline: '= date("2026-03-05")' }).dueAt, "2026-03-05T00:00:00.000Z");
    assert.equal(timing({ deadline: "2026-03-05T12:00:00Z" }).dueAt, "2026-03-05T12:00:00.000Z");
  });

  it("should take a FEEL duration deadline from creation", () => {
    assert.equal(timing({ deadline: '= duration("PT2H")' }).dueAt, "2026-03-02T10:00:00.000Z");
  });

  it("should make a task with a deadline and a slot due at the earlier of both", () => {
    // given the deadline at the slot's end and the slot due 30 min before it
    const slot = { from: "= fulfilment.slot.start", to: "= fulfilment.slot.end", toOffset: "-PT30M" };
    // when / then
    assert.equal(timing({ deadline: "= fulfilment.slot.end", slot }).dueAt, "2026-03-02T13:30:00.000Z");
  });

  it("should hide a deferred task until the delay passes and warn from then on", () => {
    // given / when
    const t = timing({ deferral: "PT1H", deadline: "PT6H" });
    // then visible at 09:00Z; 80 % of the 5 h from then is 4 h
    assert.deepEqual(t, { dueAt: "2026-03-02T14:00:00.000Z", visibleFrom: "2026-03-02T09:00:00.000Z", almostDueAt: "2026-03-02T13:00:00.000Z" });
  });

  it("should hide a task with a slot and a deferral until the later of both", () => {
    // given the slot opens at 12:00Z and the deferral ends at 13:00Z
    const slot = { from: "= fulfilment.slot.start", to: "= fulfilment.slot.end" };
    // when / then
    assert.equal(timing({ slot, deferral: "PT5H" }).visibleFrom, "2026-03-02T13:00:00.000Z");
  });

  it("should show a task at once when its slot is already open", () => {
    // given creation inside the slot
    const slot = { from: "= fulfilment.slot.start", to: "= fulfilment.slot.end" };
    // when
    const t = timing({ slot }, new Date("2026-03-02T13:00:00Z"));
    // then no visibleFrom; the warning is 80 % into the remaining hour
    assert.deepEqual(t, { dueAt: "2026-03-02T14:00:00.000Z", opensAt: "2026-03-02T12:00:00.000Z", almostDueAt: "2026-03-02T13:48:00.000Z" });
  });

  it("should give no instants to a template without timing", () => {
    assert.deepEqual(timing({}), {});
  });

  it("should refuse a FEEL deadline that gives no date, naming the field and the element", () => {
    // given a misspelt field
    const err = refusal({ deadline: "= fulfilment.slot.ends" });
    // then
    assert.equal(err.code, "expression");
    assert.equal(err.element, "Deliver");
    assert.match(err.message, /^deadline "= fulfilment\.slot\.ends" of Deliver gave null, not a date-time/);
  });

  it("should refuse a deadline that is not FEEL, a duration nor an instant", () => {
    const err = refusal({ deadline: "tomorrow" });
    assert.equal(err.code, "expression");
    assert.match(err.message, /^deadline "tomorrow"/);
  });

  it("should refuse a FEEL syntax error, naming the field", () => {
    const err = refusal({ slot: { from: "= fulfilment.slot.start +", to: "= fulfilment.slot.end" } });
    assert.equal(err.code, "expression");
    assert.match(err.message, /^slot\.from: FEEL expression/);
  });

  it("should refuse a slot bound that is not a date-time", () => {
    const err = refusal({ slot: { from: "= fulfilment.slot.start", to: "= 42" } });
    assert.match(err.message, /^slot\.to "= 42" of Deliver gave 42, not a date-time/);
  });

  it("should refuse a slot that opens after it is due", () => {
    const err = refusal({ slot: { from: "= fulfilment.slot.end", to: "= fulfilment.slot.start" } });
    assert.match(err.message, /^slot of Deliver opens at 2026-03-02T14:00:00.000Z, after it is due at 2026-03-02T12:00:00.000Z/);
  });

  it("should refuse malformed offsets and a negative deferral, naming the field", () => {
    assert.match(refusal({ slot: { from: "= fulfilment.slot.start", fromOffset: "1h", to: "= fulfilment.slot.end" } }).message, /^slot\.fromOffset "1h"/);
    assert.match(refusal({ deferral: "-PT1H" }).message, /^deferral "-PT1H"/);
    assert.match(refusal({ deadline: "-PT1H" }).message, /^deadline "-PT1H" of Deliver is a negative duration/);
  });

  it("should refuse a month deadline in working time", () => {
    // given / when
    let err: unknown;
    try {
      taskTiming(template({ deadline: "P1M" }), DATA, CREATED, MOSCOW, "Deliver");
    } catch (e) {
      err = e;
    }
    // then
    assert.ok(err instanceof EngineError && err.code === "expression" && /^deadline "P1M"/.test(err.message), String(err));
  });
});
