import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import { Entities, inTransaction, insertRow, readRows, selectRows, subselect, Writes, type DealRow, type TaskRow } from "./index.ts";

test("should run queued writes in order, merging consecutive inserts, so an update sees the rows queued before it", async () => {
  await withDatabase(async (db) => {
    // given
    const writes = new Writes().insert<TaskRow>(Entities.Task, task("d1", "a")).insert<TaskRow>(Entities.Task, task("d1", "b"));
    writes.update<TaskRow>(Entities.Task, { dealId: "d1", status: "open" }, { status: "cancelled" });
    writes.insert<TaskRow>(Entities.Task, task("d1", "c"));
    // when
    await inTransaction(db.dataSource, (manager) => writes.run(manager));
    // then
    const rows = await selectRows<TaskRow>(db.dataSource.manager, Entities.Task, { dealId: "d1" });
    assert.deepEqual(rows.map((row) => `${row.token}:${row.status}`).sort(), ["a:cancelled", "b:cancelled", "c:open"]);
  });
});

test("should throw an update's miss error and leave nothing of the batch written", async () => {
  await withDatabase(async (db) => {
    // given
    const writes = new Writes().insert<TaskRow>(Entities.Task, task("d2", "a"));
    writes.update<TaskRow>(Entities.Task, { dealId: "d2", status: "completed" }, { status: "failed" }, () => new Error("no completed task"));
    // when
    const error = await inTransaction(db.dataSource, (manager) => writes.run(manager)).catch((e: unknown) => e);
    // then
    assert.equal((error as Error).message, "no completed task");
    assert.deepEqual(await selectRows<TaskRow>(db.dataSource.manager, Entities.Task, { dealId: "d2" }), []);
  });
});

test("should commit writes sent with the transaction's COMMIT, and read a task's deal by a subquery", async () => {
  await withDatabase(async (db) => {
    // given
    const deal = dealRow();
    const open = task(deal.id, "t1");
    // when
    await inTransaction(db.dataSource, (manager) =>
      new Writes().insert<DealRow>(Entities.Deal, deal).insert<TaskRow>(Entities.Task, open).run(manager, { commit: true }),
    );
    const [deals, tasks] = await readRows(db.dataSource.manager, [
      { entity: Entities.Deal, where: { id: subselect<TaskRow>(Entities.Task, "dealId", { id: open.id }) } },
      { entity: Entities.Task, where: { id: open.id } },
    ]);
    // then
    assert.deepEqual(deals?.map((row) => (row as DealRow).snapshot), [deal.snapshot]);
    assert.equal((tasks?.[0] as TaskRow | undefined)?.title, open.title);
  });
});

test("should keep statements sent through TypeORM inside the transaction (rolled back with it)", async () => {
  await withDatabase(async (db) => {
    // given
    const row = task("d3", "a");
    // when
    const error = await inTransaction(db.dataSource, async (manager) => {
      await manager.getRepository<TaskRow>(Entities.Task).insert(row);
      await insertRow<TaskRow>(manager, Entities.Task, task("d3", "b"));
      throw new Error("undo");
    }).catch((e: unknown) => e);
    // then
    assert.equal((error as Error).message, "undo");
    assert.equal(await db.dataSource.getRepository(Entities.Task).countBy({ dealId: "d3" }), 0);
  });
});

async function withDatabase(body: (db: TestDatabase) => Promise<void>): Promise<void> {
  const db = await openTestDatabase();
  try {
    await body(db);
  } finally {
    await db.close();
  }
}

function task(dealId: string, token: string): TaskRow {
  return {
    id: randomUUID(), dealId, token, elementId: "e", title: `task ${token}`, description: null, role: "operator", store: null,
    stage: null, status: "open", outcomes: [], outcome: null, reason: null, assignee: null, completedBy: null,
    createdAt: new Date(), dueAt: null, visibleFrom: null, completedAt: null,
  };
}

function dealRow(): DealRow {
  const at = new Date("2026-03-04T05:06:07.089Z");
  return {
    id: randomUUID(), externalId: `ext-${randomUUID()}`, routeVersionId: 1, routeKey: "r", status: "running", outcome: null,
    stage: null, snapshot: { status: "running", tokens: [], seq: 0 }, data: {}, store: null, city: null, customerPhone: null,
    lostReason: null, lostRole: null, lostStage: null, createdAt: at, updatedAt: at, endedAt: null, version: 0,
  };
}
