import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { Entities, inTransaction, Writes, type NotificationPrefsRow, type NotificationRow, type OutboxRow } from "../../store/index.ts";
import type { Caller } from "../contract.ts";
import { forgetRecipients } from "./directory.ts";
import { observerRecipients, queueTaskNotices, taskNotice } from "./task-notices.ts";
import { insertStaff } from "./testing.ts";

let db: TestDatabase;
let staff: Record<string, Caller>;
const now = new Date("2026-03-01T10:00:00.000Z");
const base = { dealId: "d-1", role: "store_admin", store: "A", stage: "assembly", dueAt: null, assignee: null, visibleFrom: null };

before(async () => {
  db = await openTestDatabase();
  staff = await insertStaff(db.dataSource, [
    { login: "store-a", roles: ["store_admin"], store: "A" },
    { login: "store-b", roles: ["store_admin"], store: "B" },
    { login: "operator", roles: ["operator"], store: null },
  ]);
});
after(() => db.close());

const raise = (tasks: Parameters<typeof queueTaskNotices>[2]) =>
  inTransaction(db.dataSource, async (manager) => {
    const writes = new Writes();
    const views = await queueTaskNotices(manager, writes, tasks, now);
    await writes.run(manager);
    return views;
  });
const rowsOf = (taskId: string) => db.dataSource.getRepository<NotificationRow>(Entities.Notification).findBy({ taskId });

describe("queueTaskNotices", () => {
  it("should tell the pool of a new task, the assignee of an assigned one, and no one of a deferred one", async () => {
    // given
    const pool = { ...base, id: "t-pool", title: "Pick" };
    const assigned = { ...base, id: "t-assigned", title: "Pack", assignee: staff["store-b"]!.userId, store: "B" };
    const deferred = { ...base, id: "t-deferred", title: "Deliver", visibleFrom: new Date(now.getTime() + 60_000) };
    const operatorTask = { ...base, id: "t-operator", title: "Verify", role: "operator", store: "A" };
    // when
    await raise([pool, assigned, deferred, operatorTask]);
    // then
    assert.deepEqual((await rowsOf("t-pool")).map((n) => [n.userId, n.kind]), [[staff["store-a"]!.userId, "task.created"]]);
    assert.deepEqual((await rowsOf("t-assigned")).map((n) => [n.userId, n.kind]), [[staff["store-b"]!.userId, "task.assigned"]]);
    assert.deepEqual(await rowsOf("t-deferred"), []);
    assert.deepEqual((await rowsOf("t-operator")).map((n) => n.userId), [staff.operator!.userId], "operators are not store-scoped");
  });

  it("should reuse resolved pools until they are forgotten", async () => {
    // given
    await raise([{ ...base, id: "t-warm", title: "Warm the cache" }]);
    const newcomer = await insertStaff(db.dataSource, [{ login: "store-a-new", roles: ["store_admin"], store: "A" }]);
    // when
    await raise([{ ...base, id: "t-cached", title: "Cached pool" }]);
    forgetRecipients(db.dataSource);
    await raise([{ ...base, id: "t-fresh", title: "Fresh pool" }]);
    // then
    assert.equal((await rowsOf("t-cached")).length, 1);
    assert.deepEqual((await rowsOf("t-fresh")).map((n) => n.userId).sort(), [staff["store-a"]!.userId, newcomer["store-a-new"]!.userId].sort());
  });
});

describe("taskNotice", () => {
  it("should carry the plain task title beside the English notification title, with the task's facts", () => {
    // given
    const task = { ...base, id: "t-1", title: "Pick Kvass × 1", dueAt: new Date("2026-03-01T10:30:00.000Z"), assignee: "u-1" };
    // when
    const notices = (["task.created", "task.assigned", "task.reassigned", "task.almost_due", "task.overdue"] as const).map((kind) => taskNotice(kind, task));
    // then
    assert.deepEqual(
      notices.map((notice) => notice.title),
      ["New task: Pick Kvass × 1", "Task assigned to you: Pick Kvass × 1", "Task reassigned: Pick Kvass × 1", "Task almost due: Pick Kvass × 1", "Task overdue: Pick Kvass × 1"],
    );
    for (const notice of notices) {
      assert.deepEqual(notice.payload, { taskTitle: "Pick Kvass × 1", role: "store_admin", store: "A", stage: "assembly", dueAt: "2026-03-01T10:30:00.000Z", assignee: "u-1" }, notice.kind);
    }
  });

  it("should store the task title in each notification's payload and in the payload of its outbox message", async () => {
    // given: store B's admin takes task notifications by SMS
    await db.dataSource.getRepository<NotificationPrefsRow>(Entities.NotificationPrefs).save({ userId: staff["store-b"]!.userId, prefs: { sms: { to: "+70000000002", kinds: ["*"] } }, updatedAt: now });
    forgetRecipients(db.dataSource);
    // when
    await raise([{ ...base, id: "t-titled", title: "Pack order WEB-1", store: "B" }]);
    // then
    const [row] = await rowsOf("t-titled");
    assert.equal(row!.payload?.taskTitle, "Pack order WEB-1");
    const [message] = await db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findBy({ idempotencyKey: `notification:${row!.id}:sms` });
    assert.equal((message!.payload.data as { taskTitle?: string }).taskTitle, "Pack order WEB-1");
  });
});

describe("observerRecipients", () => {
  it("should read user:<id> as a user and anything else as a role in the task's store when store-scoped", () => {
    // when
    const recipients = observerRecipients(["user:u-1", "store_admin", "operator"], { store: "A" });
    // then
    assert.deepEqual(recipients, [
      { kind: "user", userId: "u-1" },
      { kind: "role", role: "store_admin", store: "A" },
      { kind: "role", role: "operator", store: null },
    ]);
  });
});
