import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { openTestDatabase, type TestDatabase } from "../../test/support/db.ts";
import type { Route } from "../core/route.ts";
import { Entities, insertRow, type TaskRow, type UserRow } from "../store/index.ts";
import { assignCreatedTasks, chooseAssignee } from "./assignment.ts";
import { seedDemo } from "./seed.ts";

let db: TestDatabase;
const ids: Record<string, string> = {};
let clock = Date.parse("2026-05-01T10:00:00Z");

before(async () => {
  db = await openTestDatabase();
  await seedDemo(db.dataSource);
  for (const [login, store, active] of [["sa-a1", "A", true], ["sa-a2", "A", true], ["sa-a3", "A", false], ["sa-b1", "B", true]] as const) {
    await insertRow<UserRow>(db.dataSource.manager, Entities.User, {
      id: randomUUID(), login, name: login, passwordHash: "-", roles: ["store_admin"], store, team: "ops", active, createdAt: new Date(),
    });
  }
  for (const user of await db.dataSource.getRepository<UserRow>(Entities.User).find()) ids[user.login] = user.id;
});
after(() => db.close());

const manager = () => db.dataSource.manager;
const loginOf = (id: string | null) => Object.entries(ids).find(([, value]) => value === id)?.[0] ?? null;

/** Writes a task as handed to `assignee` (open unless told otherwise). */
async function giveTask(assignee: string | null, role = "store_admin", store = "A", status: TaskRow["status"] = "open"): Promise<void> {
  clock += 1000;
  await insertRow<Partial<TaskRow>>(manager(), Entities.Task, {
    id: randomUUID(), dealId: randomUUID(), token: randomUUID(), elementId: "pick", title: "Pick", description: null, role, store, stage: "assembly",
    status, outcomes: [], outcome: null, reason: null, assignee, completedBy: null, createdAt: new Date(clock), dueAt: null, visibleFrom: null, completedAt: null,
  });
}

test("should leave a pool task to its pool", async () => {
  // when
  const pool = await chooseAssignee(manager(), { role: "store_admin", store: "A", assignment: "pool" });
  const unset = await chooseAssignee(manager(), { role: "store_admin", store: "A" });
  // then
  assert.deepEqual([pool, unset], [null, null]);
});

test("should hand tasks round-robin to the active store admins of the deal's store, in login order", async () => {
  // given the active store admins of A: sa-a1, sa-a2, store-a (sa-a3 is inactive, sa-b1 in B)
  const got: (string | null)[] = [];
  // when
  for (let i = 0; i < 4; i++) {
    const user = await chooseAssignee(manager(), { role: "store_admin", store: "A", assignment: "round-robin" });
    got.push(loginOf(user));
    await giveTask(user);
  }
  // then
  assert.deepEqual(got, ["sa-a1", "sa-a2", "store-a", "sa-a1"]);
});

test("should hand a task to the eligible user with the fewest open tasks", async () => {
  // given open tasks after the round-robin test: sa-a1 2, sa-a2 1, store-a 1; store-a's closed ones do not count
  await giveTask(ids["sa-a2"]!);
  await giveTask(ids["store-a"]!, "store_admin", "A", "completed");
  // when
  const user = await chooseAssignee(manager(), { role: "store_admin", store: "A", assignment: "least-open" });
  // then
  assert.equal(loginOf(user), "store-a");
});

test("should not assign across stores nor to nobody: no eligible user leaves the task in the pool", async () => {
  // when
  const inB = await chooseAssignee(manager(), { role: "store_admin", store: "B", assignment: "least-open" });
  const nobody = await chooseAssignee(manager(), { role: "store_admin", store: "C", assignment: "round-robin" });
  const noRole = await chooseAssignee(manager(), { role: "florist", store: "A", assignment: "round-robin" });
  // then
  assert.deepEqual([loginOf(inB), nobody, noRole], ["sa-b1", null, null]);
});

test("should spread the tasks one command creates and leave pool tasks in their pool", async () => {
  // given a route with two least-open store admin tasks and a pool one, and their new rows
  const node = (id: string, assignment?: "least-open") => ({ id, type: "userTask", scope: "main", incoming: [], outgoing: [], template: { title: id, checklist: [], observers: [] }, failureAllowed: true, role: "store_admin", ...(assignment ? { assignment } : {}) });
  const route = { roles: [], nodes: { a: node("a", "least-open"), b: node("b", "least-open"), c: node("c") } } as unknown as Route;
  const row = (elementId: string) => ({ elementId, role: "store_admin", store: "A", assignee: null }) as TaskRow;
  const created = [row("a"), row("b"), row("c")];
  // when
  await assignCreatedTasks(manager(), route, created);
  // then
  const [a, b, c] = created.map((task) => task.assignee);
  assert.ok(a && b, "both automatic tasks got someone");
  assert.notEqual(a, b);
  assert.equal(c, null);
});
