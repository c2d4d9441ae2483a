import { after, before, test } from "node:test";
import { In } from "typeorm";
import assert from "node:assert/strict";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import type { Route, UserTaskNode } from "../core/route.ts";
import { route } from "../core/testing/route-builder.ts";
import { Problem } from "../problem.ts";
import { Entities, type AuditRow, type NotificationRow, type TaskRow, type TimerRow } from "../store/index.ts";
import { createServices } from "./index.ts";
import type { Services, TaskView } from "./contract.ts";
import { callerOf, dumpCommandTables, order, prepare } from "./testing/fixture.ts";

let db: TestDatabase;
let clock = new Date("2026-05-01T10:00:00.000Z");
let services: Services;
const at = (iso: string) => new Date(iso);

/** start → call (operator; due in 2 h, reminders every 30 min, a required checklist item) → won. */
function callRoute(key: string, template: Partial<UserTaskNode["template"]>): Route {
  const built = route(key)
    .stage("calling").stage("done", "won")
    .start("start")
    .task("call", { role: "operator", stage: "calling" })
    .end("won", { outcome: "won", stage: "done" })
    .flow("start", "call")
    .flow("call", "won", { id: "call-ok", outcome: { kind: "success", label: "Called" } })
    .build();
  const node = built.nodes.call as UserTaskNode;
  node.template = { ...node.template, title: "Call {{externalId}}", ...template };
  return built;
}

const REMINDING = callRoute("reminding", {
  deadline: "PT2H",
  reminder: "PT30M",
  observers: ["store_admin"],
  checklist: [{ id: "reached", label: "Customer reached", required: true }, { id: "noted", label: "Notes taken", required: false }],
});
const WORKING_HOURS = callRoute("working-hours", { deadline: "PT2H" });

/** start → call (due in 2 h) with an interrupting one-hour boundary timer → escalate (manager) → won. */
const ESCALATING = (() => {
  const built = route("escalating")
    .stage("calling").stage("escalated").stage("done", "won")
    .start("start")
    .task("call", { role: "operator", stage: "calling" })
    .boundary("late", "call", { kind: "timer", timer: { kind: "duration", expression: "PT1H" } })
    .task("escalate", { role: "manager", stage: "escalated" })
    .end("won", { outcome: "won", stage: "done" })
    .flow("start", "call")
    .flow("call", "won", { id: "call-ok", outcome: { kind: "success", label: "Called" } })
    .flow("late", "escalate")
    .flow("escalate", "won", { id: "escalate-ok", outcome: { kind: "success", label: "Handled" } })
    .build();
  (built.nodes.call as UserTaskNode).template.deadline = "PT2H";
  return built;
})();

before(async () => {
  db = await openTestDatabase();
  await prepare(db.dataSource, [REMINDING, WORKING_HOURS, ESCALATING], clock);
  services = createServices(db.dataSource, { now: () => clock, instanceId: "test-engine" });
});
after(() => db.close());

test("should warn once when almost due, notify holder, observers and manager when overdue, and repeat until completed", async () => {
  // given: a claimed call due at 12:00 (almost due at 11:36)
  clock = at("2026-05-01T10:00:00.000Z");
  const operator = await callerOf(db.dataSource, "operator");
  const task = await startCall("ORD-REMIND", "reminding");
  assert.equal(task.dueAt, "2026-05-01T12:00:00.000Z");
  assert.equal(task.almostDueAt, "2026-05-01T11:36:00.000Z");
  await services.tasks.claim(task.id, operator);
  // when: the clock moves past the warning, the deadline and two reminders
  await services.timers.fireDue(at("2026-05-01T11:35:59.000Z"));
  const early = await kinds(task.id);
  await services.timers.fireDue(at("2026-05-01T11:36:00.000Z"));
  await services.timers.fireDue(at("2026-05-01T11:50:00.000Z"));
  const warned = await kinds(task.id);
  clock = at("2026-05-01T12:00:00.000Z");
  await services.timers.fireDue();
  const overdue = await kinds(task.id);
  clock = at("2026-05-01T12:31:00.000Z");
  await services.timers.fireDue();
  clock = at("2026-05-01T13:00:00.000Z");
  await services.timers.fireDue();
  const reminded = await kinds(task.id);
  // then
  assert.deepEqual(early, []);
  assert.deepEqual(warned, ["task.almost_due:operator"]);
  assert.deepEqual(overdue.filter((k) => k.startsWith("task.overdue")).sort(), ["task.overdue:manager", "task.overdue:operator", "task.overdue:store-a"]);
  assert.equal(reminded.filter((k) => k === "task.overdue:operator").length, 3, "the overdue notice and two reminders");
  assert.equal(reminded.filter((k) => k === "task.overdue:manager").length, 3);
  const listed = await services.tasks.get(task.id, operator);
  assert.equal(listed.overdue, true);
  assert.deepEqual((await audit(task.id)).filter((a) => a !== "task.claimed" && a.startsWith("task.")).sort(), ["task.almost_due", "task.overdue", "task.reminder", "task.reminder"]);
  // when: it is done at 13:10, and the clock moves on
  clock = at("2026-05-01T13:10:00.000Z");
  await services.tasks.complete(task.id, { outcome: "success", checklist: ["reached"] }, operator);
  const fired = await services.timers.fireDue(at("2026-05-01T18:00:00.000Z"));
  // then: no reminder any more, its timers cancelled
  assert.equal(fired, 0);
  assert.equal((await kinds(task.id)).length, reminded.length);
  const timers = await db.dataSource.getRepository<TimerRow>(Entities.Timer).findBy({ taskId: task.id });
  assert.equal(timers.filter((t) => t.status === "pending").length, 0);
  assert.deepEqual(timers.map((t) => `${t.timer}:${t.status}`).sort(), ["task.almost_due:fired", "task.overdue:fired", "task.reminder:cancelled", "task.reminder:fired", "task.reminder:fired"]);
});

test("should refuse success with a required checklist item unticked (422 at /checklist, nothing changed), then accept it ticked", async () => {
  // given
  clock = at("2026-05-01T10:00:00.000Z");
  const operator = await callerOf(db.dataSource, "operator");
  const task = await startCall("ORD-CHECK", "reminding");
  const before = await dumpCommandTables(db.dataSource);
  // when
  const refused = await services.tasks.complete(task.id, { outcome: "success", checklist: ["noted"] }, operator).then(() => undefined, (e: unknown) => e);
  const unknown = await services.tasks.complete(task.id, { outcome: "success", checklist: ["reached", "nope"] }, operator).then(() => undefined, (e: unknown) => e);
  // then
  assert.ok(refused instanceof Problem && refused.status === 422, String(refused));
  assert.equal(refused.errors[0]?.pointer, "/checklist");
  assert.match(refused.errors[0]?.message ?? "", /Customer reached/);
  assert.ok(unknown instanceof Problem && unknown.status === 422 && unknown.errors[0]?.pointer === "/checklist");
  assert.deepEqual(await dumpCommandTables(db.dataSource), before);
  // when
  const done = await services.tasks.complete(task.id, { outcome: "success", checklist: ["reached"] }, operator);
  // then
  assert.equal(done.task.status, "completed");
  const row = await db.dataSource.getRepository<TaskRow>(Entities.Task).findOneByOrFail({ id: task.id });
  assert.deepEqual(row.checklist?.map((item) => [item.id, item.done]), [["reached", true], ["noted", false]]);
  const entry = (await db.dataSource.getRepository<AuditRow>(Entities.Audit).findBy({ taskId: task.id })).find((a) => a.action === "task.completed");
  assert.deepEqual((entry?.payload as { checklist?: string[] }).checklist, ["reached"]);
});

test("should carry a deadline over the store's closed night to the next morning, and refuse an unusable calendar", async () => {
  // given: store A works 09:00–21:00 UTC on weekdays; the call starts Thursday 20:00, due in 2 working hours
  const admin = await callerOf(db.dataSource, "admin");
  const day = [{ open: "09:00", close: "21:00" }];
  const calendar = { timeZone: "UTC", week: { mon: day, tue: day, wed: day, thu: day, fri: day } };
  const bad = await services.stores.update("A", { calendar: { timeZone: "Mars/Olympus", week: { mon: day } } }, admin).then(() => undefined, (e: unknown) => e);
  assert.ok(bad instanceof Problem && bad.status === 422 && bad.errors[0]?.pointer === "/calendar", String(bad));
  assert.deepEqual((await services.stores.update("A", { calendar }, admin)).calendar, calendar);
  clock = at("2026-04-30T20:00:00.000Z");
  // when
  const task = await startCall("ORD-NIGHT", "working-hours");
  // then: one hour on Thursday evening, one on Friday morning
  assert.equal(task.dueAt, "2026-05-01T10:00:00.000Z");
  const timer = await db.dataSource.getRepository<TimerRow>(Entities.Timer).findOneByOrFail({ taskId: task.id, timer: "task.overdue" });
  assert.equal(timer.dueAt.toISOString(), "2026-05-01T10:00:00.000Z");
  await services.stores.update("A", { calendar: null }, admin);
});

test("should cancel a task's timers when the core cancels the task (interrupting boundary timer)", async () => {
  // given: a call due at 12:00 whose boundary timer interrupts it at 11:00
  clock = at("2026-05-01T10:00:00.000Z");
  const task = await startCall("ORD-ESCALATE", "escalating");
  // when
  clock = at("2026-05-01T11:00:00.000Z");
  await services.timers.fireDue();
  const fired = await services.timers.fireDue(at("2026-05-01T13:00:00.000Z"));
  // then
  const row = await db.dataSource.getRepository<TaskRow>(Entities.Task).findOneByOrFail({ id: task.id });
  assert.equal(row.status, "cancelled");
  const timers = await db.dataSource.getRepository<TimerRow>(Entities.Timer).findBy({ taskId: task.id });
  assert.deepEqual(timers.map((t) => `${t.timer}:${t.status}`).sort(), ["task.almost_due:cancelled", "task.overdue:cancelled"]);
  assert.equal(fired, 0);
  assert.deepEqual(await kinds(task.id), []);
});

async function startCall(externalId: string, key: string): Promise<TaskView> {
  const { deal } = await services.deals.start(order(externalId), await callerOf(db.dataSource, "operator"), { route: key });
  const full = await services.deals.get(deal.id, await callerOf(db.dataSource, "admin"));
  const task = full.tasks!.find((t) => t.element === "call" && t.status === "open");
  assert.ok(task, "the call task is open");
  return task;
}

/** `kind:login` of every almost-due and overdue notification about a task, in order. */
async function kinds(taskId: string): Promise<string[]> {
  const rows = await db.dataSource.getRepository<NotificationRow>(Entities.Notification).find({ where: { taskId, kind: In(["task.almost_due", "task.overdue"]) }, order: { id: "ASC" } });
  const users = await db.dataSource.query("SELECT id, login FROM users");
  const login = new Map<string, string>(users.map((u: { id: string; login: string }) => [u.id, u.login]));
  return rows.map((row) => `${row.kind}:${login.get(row.userId)}`);
}

async function audit(taskId: string): Promise<string[]> {
  return (await db.dataSource.getRepository<AuditRow>(Entities.Audit).findBy({ taskId })).map((a) => a.action);
}
