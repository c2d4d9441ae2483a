import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { Problem } from "../../problem.ts";
import { Entities, inTransaction, type OutboxRow } from "../../store/index.ts";
import type { Caller } from "../contract.ts";
import { hubOf } from "./hub.ts";
import { notify } from "./notify.ts";
import { notificationsService } from "./notifications.service.ts";
import { taskNotice, taskRecipients } from "./task-notices.ts";
import { insertStaff } from "./testing.ts";
import type { NotificationView } from "./types.ts";

let db: TestDatabase;
let staff: Record<string, Caller>;
const at = new Date("2026-03-01T10:00:00.000Z");
const task = { id: "t-1", dealId: "d-1", title: "Pick items", role: "store_admin", store: "A", stage: "assembly", dueAt: null, assignee: null };

before(async () => {
  db = await openTestDatabase();
  staff = await insertStaff(db.dataSource, [
    { login: "store-a", roles: ["store_admin"], store: "A", team: "north" },
    { login: "store-a2", roles: ["store_admin", "courier"], store: "A", team: "north" },
    { login: "store-a-gone", roles: ["store_admin"], store: "A", active: false },
    { login: "store-b", roles: ["store_admin"], store: "B", team: "south" },
    { login: "manager-north", roles: ["manager"], team: "north" },
    { login: "manager-south", roles: ["manager"], team: "south" },
    { login: "operator", roles: ["operator"] },
  ]);
});
after(() => db.close());

const send = (recipients: Parameters<typeof notify>[1], title = "Hello") =>
  inTransaction(db.dataSource, (manager) => notify(manager, recipients, { kind: "mention", title }, at));

describe("notify", () => {
  it("should leave no row and publish nothing when the transaction rolls back", async () => {
    // given
    const heard: NotificationView[] = [];
    const stop = hubOf(db.dataSource).subscribe(staff.operator!.userId, (n) => heard.push(n));
    const service = notificationsService(db.dataSource);
    // when
    await assert.rejects(
      inTransaction(db.dataSource, async (manager) => {
        await notify(manager, [{ kind: "user", userId: staff.operator!.userId }], { kind: "mention", title: "Lost" }, at);
        throw new Problem(409, "Changed meanwhile");
      }),
      Problem,
    );
    stop();
    // then
    assert.equal((await service.list(staff.operator!, {})).total, 0);
    assert.deepEqual(heard, []);
  });

  it("should publish to the hub only after the transaction commits", async () => {
    // given
    const heard: NotificationView[] = [];
    const stop = hubOf(db.dataSource).subscribe(staff.operator!.userId, (n) => heard.push(n));
    let heardInside = -1;
    // when
    const written = await inTransaction(db.dataSource, async (manager) => {
      const views = await notify(manager, [{ kind: "user", userId: staff.operator!.userId }], { kind: "mention", title: "Kept" }, at);
      heardInside = heard.length;
      return views;
    });
    stop();
    // then
    assert.equal(heardInside, 0);
    assert.deepEqual(heard.map((n) => n.id), written.map((n) => n.id));
    assert.equal(heard[0]!.title, "Kept");
  });

  it("should resolve a store-scoped role pool to the active users of that role in that store", async () => {
    // given
    const recipients = taskRecipients("task.created", task);
    // when
    const written = await inTransaction(db.dataSource, (manager) => notify(manager, recipients, taskNotice("task.created", task), at));
    // then
    const expected = [staff["store-a"]!.userId, staff["store-a2"]!.userId].sort();
    assert.deepEqual(written.map((n) => n.userId).sort(), expected);
    assert.equal(written[0]!.title, "New task: Pick items");
    assert.equal(written[0]!.taskId, "t-1");
  });

  it("should resolve the manager of a user's team", async () => {
    // when
    const written = await send([{ kind: "managerOf", userId: staff["store-b"]!.userId }]);
    // then
    assert.deepEqual(written.map((n) => n.userId), [staff["manager-south"]!.userId]);
  });

  it("should tell the managers of the pool's teams when an unclaimed task runs overdue", async () => {
    // given
    const unclaimed = { ...task, id: "t-3" };
    // when
    const written = await inTransaction(db.dataSource, (manager) =>
      notify(manager, taskRecipients("task.overdue", unclaimed), taskNotice("task.overdue", unclaimed), at),
    );
    // then
    const expected = [staff["store-a"]!.userId, staff["store-a2"]!.userId, staff["manager-north"]!.userId].sort();
    assert.deepEqual(written.map((n) => n.userId).sort(), expected);
  });

  it("should write an outbox row only for users who opted into the kind", async () => {
    // given
    const service = notificationsService(db.dataSource);
    await service.setPrefs(staff["store-a"]!, { email: { to: "a@example.com", kinds: ["task.overdue"] }, sms: { to: "+70000000001", kinds: ["mention"] } });
    await service.setPrefs(staff["store-a2"]!, { email: { to: "a2@example.com", kinds: ["task.created"] } });
    const overdue = { ...task, id: "t-2", assignee: staff["store-a"]!.userId };
    // when
    const written = await inTransaction(db.dataSource, (manager) =>
      notify(manager, taskRecipients("task.overdue", overdue), taskNotice("task.overdue", overdue), at),
    );
    // then
    const rows = await db.dataSource.getRepository<OutboxRow>(Entities.Outbox).find();
    const mine = written.find((n) => n.userId === staff["store-a"]!.userId)!;
    assert.deepEqual(written.map((n) => n.userId).sort(), [staff["store-a"]!.userId, staff["manager-north"]!.userId].sort());
    assert.deepEqual(
      rows.map((row) => [row.connector, row.action, row.template, row.idempotencyKey, row.payload.to]),
      [["email", "send", "task.overdue", `notification:${mine.id}:email`, "a@example.com"]],
    );
  });

  it("should refuse malformed preferences with a pointer to the field", async () => {
    // when
    const error = await notificationsService(db.dataSource).setPrefs(staff.operator!, { fax: {}, sms: { to: "", kinds: ["nope"] } }).catch((e) => e);
    // then
    assert.ok(error instanceof Problem);
    assert.equal(error.status, 422);
    assert.deepEqual(error.errors.map((e) => e.pointer), ["/fax", "/sms/to", "/sms/kinds"]);
  });
});

describe("the caller's notifications", () => {
  it("should list only the caller's own, filtered by read state and kind", async () => {
    // given
    const service = notificationsService(db.dataSource);
    const [first] = await send([{ kind: "user", userId: staff["store-b"]!.userId }], "one");
    await send([{ kind: "user", userId: staff["store-b"]!.userId }], "two");
    await send([{ kind: "user", userId: staff["manager-south"]!.userId }], "someone else's");
    await service.markRead(staff["store-b"]!, { ids: [first!.id] });
    // when
    const all = await service.list(staff["store-b"]!, {});
    const unread = await service.list(staff["store-b"]!, { filter: { read: false, kind: "mention" } });
    const unreadAlias = await service.list(staff["store-b"]!, { filter: { unread: true } });
    const readOnly = await service.list(staff["store-b"]!, { filter: { unread: false } });
    const count = await service.unreadCount(staff["store-b"]!);
    // then
    assert.deepEqual(all.items.map((n) => n.title), ["two", "one"]);
    assert.equal(all.items[1]!.read, true);
    assert.deepEqual(unread.items.map((n) => n.title), ["two"]);
    assert.deepEqual(unreadAlias.items.map((n) => n.title), ["two"]);
    assert.deepEqual(readOnly.items.map((n) => n.title), ["one"]);
    assert.equal(count, 1);
  });

  it("should answer 404 and change nothing when marking another user's notification", async () => {
    // given
    const service = notificationsService(db.dataSource);
    const [mine] = await send([{ kind: "user", userId: staff.operator!.userId }], "mine");
    const [theirs] = await send([{ kind: "user", userId: staff["manager-south"]!.userId }], "theirs");
    // when
    const error = await service.markRead(staff.operator!, { ids: [mine!.id, theirs!.id] }).catch((e) => e);
    // then
    assert.ok(error instanceof Problem);
    assert.equal(error.status, 404);
    const unread = await service.list(staff.operator!, { filter: { read: false } });
    assert.ok(unread.items.some((n) => n.id === mine!.id));
    assert.equal((await service.list(staff["manager-south"]!, { filter: { read: false, id: theirs!.id } })).total, 1);
  });

  it("should mark all of the caller's notifications read and none of anyone else's", async () => {
    // given
    const service = notificationsService(db.dataSource);
    await send([{ kind: "user", userId: staff.operator!.userId }, { kind: "user", userId: staff["manager-north"]!.userId }], "both");
    const othersBefore = await service.unreadCount(staff["manager-north"]!);
    // when
    const { updated } = await service.markRead(staff.operator!, "all");
    // then
    assert.ok(updated >= 1);
    assert.equal(await service.unreadCount(staff.operator!), 0);
    assert.equal(await service.unreadCount(staff["manager-north"]!), othersBefore);
  });

  it("should replay the caller's notifications created after a given id, oldest first", async () => {
    // given
    const service = notificationsService(db.dataSource);
    const [seen] = await send([{ kind: "user", userId: staff["store-a2"]!.userId }], "seen");
    await send([{ kind: "user", userId: staff["store-a2"]!.userId }], "missed 1");
    await send([{ kind: "user", userId: staff["store-a2"]!.userId }], "missed 2");
    // when
    const replay = await service.since(staff["store-a2"]!, seen!.id);
    // then
    assert.deepEqual(replay.map((n) => n.title), ["missed 1", "missed 2"]);
  });
});

describe("notify outside a transaction", () => {
  it("should write in a transaction of its own and publish after it commits", async () => {
    // given
    const heard: NotificationView[] = [];
    const stop = hubOf(db.dataSource).subscribe(staff["manager-north"]!.userId, (n) => heard.push(n));
    // when
    const written = await notify(db.dataSource.manager, [{ kind: "user", userId: staff["manager-north"]!.userId }], { kind: "mention", title: "No tx" }, at);
    stop();
    // then
    assert.deepEqual(heard.map((n) => n.id), written.map((n) => n.id));
    const stored = await notificationsService(db.dataSource).list(staff["manager-north"]!, { filter: { id: written[0]!.id } });
    assert.equal(stored.total, 1);
  });
});
