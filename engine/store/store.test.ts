import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { openTestDatabase } from "../../test/support/db.ts";
import { Entities, inTransaction, insertRow, isUniqueViolation, migrate, type DealRow, type TaskRow } from "./index.ts";

test("should migrate an empty database and report nothing pending the second time", async () => {
  // given
  const db = await openTestDatabase();
  try {
    // when
    const lines: string[] = [];
    const applied = await migrate(db.dataSource, (line) => lines.push(line));
    // then
    assert.deepEqual(applied, []);
    assert.match(lines.join("\n"), /up to date/);
  } finally {
    await db.close();
  }
});

test("should round-trip JSON columns and millisecond UTC datetimes", async () => {
  // given
  const db = await openTestDatabase();
  try {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const deal: DealRow = {
      id: randomUUID(), externalId: "ext-1", routeVersionId: 1, routeKey: "r", status: "running", outcome: null,
      stage: "new", snapshot: { status: "running", tokens: [{ id: "t1", el: "a" }], seq: 1 }, data: { city: "Москва", n: [1, 2] },
      store: "A", city: "Москва", customerPhone: "+7900", lostReason: null, lostRole: null, lostStage: null,
      createdAt: at, updatedAt: at, endedAt: null, version: 0,
    };
    // when
    await insertRow<DealRow>(db.dataSource.manager, Entities.Deal, deal);
    const read = await db.dataSource.getRepository<DealRow>(Entities.Deal).findOneByOrFail({ id: deal.id });
    // then
    assert.deepEqual(read.snapshot, deal.snapshot);
    assert.deepEqual(read.data, deal.data);
    assert.equal(read.createdAt.toISOString(), "2026-03-04T05:06:07.089Z");
    assert.equal(read.city, "Москва");
  } finally {
    await db.close();
  }
});

test("should roll back every write of a transaction when one statement violates a constraint", async () => {
  // given
  const db = await openTestDatabase();
  try {
    const task = (token: string): TaskRow => ({
      id: randomUUID(), dealId: "d1", token, elementId: "e", title: "t", description: null, role: "operator", store: null,
      stage: null, status: "open", outcomes: [], outcome: null, reason: null, assignee: null, completedBy: null,
      createdAt: new Date(), dueAt: null, visibleFrom: null, completedAt: null,
    });
    // when
    const failure = await inTransaction(db.dataSource, async (manager) => {
      await manager.getRepository<TaskRow>(Entities.Task).insert(task("t1"));
      await manager.getRepository<TaskRow>(Entities.Task).insert(task("t1"));
    }).catch((error: unknown) => error);
    // then
    assert.ok(isUniqueViolation(failure), String(failure));
    assert.equal(await db.dataSource.getRepository(Entities.Task).count(), 0);
  } finally {
    await db.close();
  }
});
