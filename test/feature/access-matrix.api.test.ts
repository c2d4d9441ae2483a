/**
 * Record-level access as a matrix over HTTP: demo user × store (a deal in store A, one in store B, each
 * waiting at its store admin's task) × endpoint, each cell with its exact status and, for lists, the exact
 * ids the user sees.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import type { TaskView } from "../../engine/runtime/contract.ts";
import { openApi, order, type ApiHarness, ticked } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

type Store = "A" | "B";
type Endpoint = "list tasks" | "get task" | "complete task" | "list deals" | "get deal" | "claim";
/** The demo data a cell refers to: the deal of a store, its verify (operator) task and its store admin tasks. */
type Named = "dealA" | "dealB" | "verifyA" | "verifyB" | "storeTaskA" | "storeTaskB";

interface Cell {
  user: string;
  endpoint: Endpoint;
  store?: Store;
  status: number;
  ids?: Named[];
}

const USERS = ["operator", "store-a", "store-b", "courier", "manager", "analyst", "admin", "integrator"] as const;
const ALL_TASKS: Named[] = ["verifyA", "verifyB", "storeTaskA", "storeTaskB"];

/** Per user: visible tasks, visible deals, and per store [get task, get deal, complete, claim] statuses. */
const EXPECTED: Record<(typeof USERS)[number], { tasks: Named[] | 403; deals: Named[]; A: number[]; B: number[] }> = {
  operator: { tasks: ["verifyA", "verifyB"], deals: ["dealA", "dealB"], A: [404, 200, 403, 403], B: [404, 200, 403, 403] },
  "store-a": { tasks: ["storeTaskA"], deals: ["dealA"], A: [200, 200, 200, 200], B: [404, 404, 403, 403] },
  "store-b": { tasks: ["storeTaskB"], deals: ["dealB"], A: [404, 404, 403, 403], B: [200, 200, 200, 200] },
  courier: { tasks: [], deals: [], A: [404, 404, 403, 403], B: [404, 404, 403, 403] },
  manager: { tasks: ALL_TASKS, deals: ["dealA", "dealB"], A: [200, 200, 403, 403], B: [200, 200, 403, 403] },
  analyst: { tasks: ALL_TASKS, deals: ["dealA", "dealB"], A: [200, 200, 403, 403], B: [200, 200, 403, 403] },
  admin: { tasks: ALL_TASKS, deals: ["dealA", "dealB"], A: [200, 200, 200, 200], B: [200, 200, 200, 200] },
  integrator: { tasks: 403, deals: ["dealA", "dealB"], A: [403, 200, 403, 403], B: [403, 200, 403, 403] },
};

/** The table, read endpoints first (they share two deals; the acting ones get a fresh deal per cell). */
const MATRIX: Cell[] = [
  ...USERS.map((user): Cell => {
    const tasks = EXPECTED[user].tasks;
    return tasks === 403 ? { user, endpoint: "list tasks", status: 403 } : { user, endpoint: "list tasks", status: 200, ids: tasks };
  }),
  ...USERS.map((user): Cell => ({ user, endpoint: "list deals", status: 200, ids: EXPECTED[user].deals })),
  ...(["get task", "get deal", "complete task", "claim"] as const).flatMap((endpoint, column) =>
    USERS.flatMap((user) => (["A", "B"] as const).map((store): Cell => ({ user, endpoint, store, status: EXPECTED[user][store][column]! }))),
  ),
];

describe("record-level access matrix", () => {
  let api: ApiHarness;
  /** Record id → its name in the table (a store's parallel store admin tasks share one name). */
  const named = new Map<string, Named>();
  const first = (name: Named) => [...named.entries()].find(([, n]) => n === name)![0];

  before(async () => {
    api = await openApi();
    const published = await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE);
    assert.equal(published.status, 201, published.text);
    for (const store of ["A", "B"] as const) {
      const { dealId, verify, storeTasks } = await dealAtStoreTask(`MATRIX-${store}`, store);
      named.set(dealId, `deal${store}`);
      named.set(verify, `verify${store}`);
      for (const task of storeTasks) named.set(task.id, `storeTask${store}`);
    }
  });
  after(() => api.close());

  it("should give each user exactly the status and the records of their role, store and team", async () => {
    const failures: string[] = [];
    for (const cell of MATRIX) {
      // given
      const target = cell.store && (cell.endpoint === "complete task" || cell.endpoint === "claim") ? await fresh(cell) : cell.store ? shared(cell) : "";
      // when
      const res = await call(cell, target);
      // then
      const where = `${cell.user} × ${cell.store ?? "-"} × ${cell.endpoint}`;
      if (res.status !== cell.status) failures.push(`${where}: ${res.status} (expected ${cell.status}) ${res.text.slice(0, 120)}`);
      if (cell.ids && res.status === 200) {
        const seen = (res.body as { id: string }[]).map((row) => named.get(row.id) ?? row.id).sort();
        const expected = [...named.entries()].filter(([, name]) => cell.ids!.includes(name)).map(([, name]) => name).sort();
        if (JSON.stringify(seen) !== JSON.stringify(expected)) failures.push(`${where}: saw ${seen.join(",")} (expected ${cell.ids.join(",")})`);
      }
    }
    assert.deepEqual(failures, []);
  });

  async function call(cell: Cell, target: string) {
    const auth = await api.as(cell.user);
    const range = { range: "[0,99]" };
    switch (cell.endpoint) {
      case "list tasks":
        return request(api.app).get("/api/tasks").query(range).set(auth);
      case "list deals":
        return request(api.app).get("/api/deals").query(range).set(auth);
      case "get task":
        return request(api.app).get(`/api/tasks/${target}`).set(auth);
      case "get deal":
        return request(api.app).get(`/api/deals/${target}`).set(auth);
      case "complete task": {
        const task = (await request(api.app).get(`/api/tasks/${target}`).set(await api.as("admin"))).body as TaskView;
        return request(api.app).post(`/api/tasks/${target}/complete`).set(auth).send({ outcome: "success", checklist: ticked(task) });
      }
      case "claim":
        return request(api.app).post(`/api/tasks/${target}/claim`).set(auth);
    }
  }

  function shared(cell: Cell): string {
    return first(cell.endpoint === "get deal" ? `deal${cell.store!}` : `storeTask${cell.store!}`);
  }

  async function fresh(cell: Cell): Promise<string> {
    const { storeTasks } = await dealAtStoreTask(`MATRIX-${cell.endpoint}-${cell.user}-${cell.store}`.replace(/\s/g, "-"), cell.store!);
    return storeTasks[0]!.id;
  }

  /** A deal of the store after the operator verified it: waiting at its store admin's (parallel) tasks. */
  async function dealAtStoreTask(externalId: string, store: Store): Promise<{ dealId: string; verify: string; storeTasks: TaskView[] }> {
    const started = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order(externalId, { store }));
    assert.equal(started.status, 201, started.text);
    const [verify] = await openTasks(started.body.id);
    assert.equal(verify?.role, "operator");
    const done = await request(api.app).post(`/api/tasks/${verify!.id}/complete`).set(await api.as("operator")).send({ outcome: "success", checklist: ["reached"] });
    assert.equal(done.status, 200, done.text);
    const open = await openTasks(started.body.id);
    assert.ok(open.length > 0 && open.every((task) => task.role === "store_admin" && task.store === store), JSON.stringify(open));
    return { dealId: started.body.id, verify: verify!.id, storeTasks: open };
  }

  async function openTasks(dealId: string): Promise<TaskView[]> {
    return (await api.deal(dealId)).tasks!.filter((task) => task.status === "open");
  }
});
