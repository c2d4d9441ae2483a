/**
 * Issue 3's first "Done when", over HTTP as the distinct demo users (operator, store-a, store-b, courier,
 * manager) on the reference route with a test clock: overdue reminders reach the manager and stop once the
 * task is done; store B's admin never sees store A's work; a required checklist item blocks success; the
 * courier task shows when its slot opens; the operator cannot use a technical reason while the store admin
 * can (down the cancellation chain to lost); a custom button moves the deal to the stage of its target.
 * The `it`s run in order on one database and one clock.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import type { DealView, TaskView } from "../../engine/runtime/contract.ts";
import { openApi, ticked, workerFor, type ApiHarness, openTasksOf, postOrder } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const SLOT = { start: "2026-05-01T14:00:00.000Z", end: "2026-05-01T16:00:00.000Z" };
const DELIVERY = { fulfilment: { type: "delivery", address: "Tverskaya 1", slot: SLOT } };
const STORE_TASKS = ["Task_pick_item", "Task_pick_item", "Task_prepare_packaging"];

describe("staff work on the reference route", () => {
  let api: ApiHarness;
  let clock = new Date("2026-05-01T08:00:00.000Z");
  const userId: Record<string, string> = {};
  /** The delivery order of store A that runs from verification to won. */
  let delivery = "";
  /** The pickup order of store A that ends lost. */
  let pickup = "";

  before(async () => {
    api = await openApi({ now: () => clock, instanceId: "staff-work" });
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE).expect(201);
    for (const login of ["operator", "store-a", "store-b", "courier", "manager"]) {
      userId[login] = (await request(api.app).get("/api/auth/me").set(await api.as(login)).expect(200)).body.userId;
    }
  });
  after(() => api.close());

  it("should notify the manager of an overdue claimed task, repeat every reminder interval, and stop once it is done", async () => {
    // given: a delivery order of store A whose verification (due in 30 min, reminder every 15 min) the operator claimed
    delivery = await startDeal("STAFF-1", DELIVERY);
    const [verify] = await openTasks(delivery);
    assert.equal(verify!.element, "Task_verify");
    assert.equal(verify!.dueAt, "2026-05-01T08:30:00.000Z");
    const claimed = await request(api.app).post(`/api/tasks/${verify!.id}/claim`).set(await api.as("operator"));
    assert.equal(claimed.status, 200, claimed.text);
    assert.equal(claimed.body.assignee, userId.operator);
    // when: just before the deadline
    await moveClock("2026-05-01T08:29:59.000Z");
    // then
    assert.deepEqual(await notices("manager", verify!.id), []);
    // when: the deadline passes
    await moveClock("2026-05-01T08:30:00.000Z");
    // then
    assert.deepEqual(await notices("manager", verify!.id), [["task.overdue", "2026-05-01T08:30:00.000Z"]]);
    // when: one reminder interval later
    await moveClock("2026-05-01T08:45:00.000Z");
    // then
    const twice = [
      ["task.overdue", "2026-05-01T08:30:00.000Z"],
      ["task.overdue", "2026-05-01T08:45:00.000Z"],
    ];
    assert.deepEqual(await notices("manager", verify!.id), twice);
    // when: the operator verifies the order, and two more intervals pass
    await moveClock("2026-05-01T08:50:00.000Z");
    assert.equal((await complete(verify!, "operator", { outcome: "success", checklist: ["reached"] })).status, 200);
    await moveClock("2026-05-01T09:00:00.000Z");
    await moveClock("2026-05-01T09:15:00.000Z");
    // then
    assert.deepEqual(await notices("manager", verify!.id), twice);
    assert.deepEqual(await notices("operator", verify!.id), [["task.created", "2026-05-01T08:00:00.000Z"], ["task.almost_due", "2026-05-01T08:29:59.000Z"], ...twice], "the holder heard the same");
  });

  it("should keep store A's tasks out of sight and out of reach of store B's admin", async () => {
    // given: the store A order at its assembly tasks, and a store B order at its own
    const storeA = await openTasks(delivery);
    assert.deepEqual(storeA.map((t) => [t.element, t.role, t.store]).sort(), STORE_TASKS.map((e) => [e, "store_admin", "A"]));
    const dealB = await startDeal("STAFF-B-1", { store: "B" });
    const [verifyB] = await openTasks(dealB);
    assert.equal((await complete(verifyB!, "operator", { outcome: "success", checklist: ["reached"] })).status, 200);
    const storeB = await openTasks(dealB);
    assert.deepEqual(storeB.map((t) => [t.element, t.store]).sort(), STORE_TASKS.map((e) => [e, "B"]));
    const before = await api.deal(delivery);
    // when
    const listB = await inbox("store-b");
    const listA = await inbox("store-a");
    const reads = await Promise.all(storeA.map(async (t) => (await request(api.app).get(`/api/tasks/${t.id}`).set(await api.as("store-b"))).status));
    const completion = await complete(storeA[0]!, "store-b", { outcome: "success", checklist: ticked(storeA[0]!) });
    const claim = await request(api.app).post(`/api/tasks/${storeA[0]!.id}/claim`).set(await api.as("store-b"));
    const dealRead = await request(api.app).get(`/api/deals/${delivery}`).set(await api.as("store-b"));
    // then
    assert.deepEqual(listB, ids(storeB));
    assert.deepEqual(listA, ids(storeA));
    assert.deepEqual(reads, [404, 404, 404]);
    assert.equal(completion.status, 403, completion.text);
    assert.equal(claim.status, 403, claim.text);
    assert.equal(dealRead.status, 404, dealRead.text);
    assert.deepEqual(await api.deal(delivery), before, "nothing changed on the store A deal");
  });

  it("should refuse success while a required checklist item is unticked, changing nothing, then accept it ticked", async () => {
    // given: the pick of the kvass
    const pick = (await openTasks(delivery)).find((t) => t.element === "Task_pick_item" && t.title === "Pick Kvass × 1")!;
    assert.deepEqual(pick.checklist, [{ id: "expiry", label: "Expiry date checked", required: true, done: false }]);
    const before = await api.deal(delivery);
    // when
    const refused = await complete(pick, "store-a", { outcome: "success" });
    const unchanged = await api.deal(delivery);
    const done = await complete(pick, "store-a", { outcome: "success", checklist: ["expiry"] });
    // then
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(refused.body.errors, [{ pointer: "/checklist", message: 'Required item "Expiry date checked" (expiry) is not ticked.' }]);
    assert.deepEqual(unchanged, before);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.task.status, "completed");
    assert.deepEqual(done.body.task.checklist, [{ id: "expiry", label: "Expiry date checked", required: true, done: true }]);
  });

  it("should show the courier task only when its delivery slot opens, tell the courier then, and end the order won", async () => {
    // given: the order packed and waiting at its courier task, one hour before the slot opens
    const deliver = await workUntil(delivery, "Task_deliver");
    assert.deepEqual([deliver.role, deliver.store, deliver.visibleFrom, deliver.dueAt], ["courier", "A", "2026-05-01T13:00:00.000Z", SLOT.end]);
    // when: a minute before the slot opens
    await moveClock("2026-05-01T12:59:00.000Z");
    // then
    assert.deepEqual(await inbox("courier"), []);
    assert.deepEqual(await notices("courier", deliver.id), []);
    // when: the slot opens
    await moveClock("2026-05-01T13:00:00.000Z");
    // then
    assert.deepEqual(await inbox("courier"), [deliver.id]);
    assert.deepEqual(await notices("courier", deliver.id), [["task.created", "2026-05-01T13:00:00.000Z"]]);
    // when: the courier delivers and the store admin reports
    assert.equal((await complete(deliver, "courier", { outcome: "success", checklist: ["paid"] })).status, 200);
    const report = await workUntil(delivery, "Task_report");
    assert.equal((await complete(report, "store-a", { outcome: "success", checklist: ["paid"] })).status, 200);
    // then
    const won = await api.deal(delivery);
    assert.deepEqual([won.status, won.outcome, won.stage], ["completed", "won", "won"]);
    assert.deepEqual(stages(won), ["new", "assembly", "handover", "report", "won"]);
  });

  it("should refuse a technical reason from the operator with 422 at /reason, changing nothing", async () => {
    // given: a pickup order of store A at its verification
    pickup = await startDeal("STAFF-2");
    const [verify] = await openTasks(pickup);
    const before = await api.deal(pickup);
    // when
    const refused = await complete(verify!, "operator", { outcome: "failure", reason: "out_of_stock" });
    // then
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(refused.body.errors, [{ pointer: "/reason", message: 'The reason "out_of_stock" is not allowed for the role operator.' }]);
    assert.deepEqual(await api.deal(pickup), before);
  });

  it("should let the store admin fail an assembly task out of stock, disband the order and end it lost with the reason", async () => {
    // given: the pickup order verified, at its assembly tasks
    const [verify] = await openTasks(pickup);
    assert.equal((await complete(verify!, "operator", { outcome: "success", checklist: ["reached"] })).status, 200);
    const pick = (await openTasks(pickup)).find((t) => t.title === "Pick Kvass × 1")!;
    // when: the kvass is out of stock at 13:05
    await moveClock("2026-05-01T13:05:00.000Z");
    const failed = await complete(pick, "store-a", { outcome: "failure", reason: "out_of_stock" });
    // then: the order waits at its disband task for store A's admin
    assert.equal(failed.status, 200, failed.text);
    assert.deepEqual([failed.body.task.status, failed.body.task.reason], ["failed", "out_of_stock"]);
    const disbanding = await api.deal(pickup);
    const [disband, ...others] = disbanding.tasks!.filter((t) => t.status === "open" && t.element === "Task_disband");
    assert.deepEqual([disband?.role, disband?.store, others.length, disbanding.status, disbanding.stage], ["store_admin", "A", 0, "running", "assembly"]);
    // when: the store admin disbands it at 13:20
    await moveClock("2026-05-01T13:20:00.000Z");
    const disbanded = await complete(disband!, "store-a", { outcome: "success", checklist: ["shelved"] });
    // then
    assert.equal(disbanded.status, 200, disbanded.text);
    const lost = await api.deal(pickup);
    assert.deepEqual([lost.status, lost.outcome, lost.stage, lost.lostReason], ["completed", "lost", "lost", "out_of_stock"]);
    assert.deepEqual(lost.history, [
      { stage: "new", kind: "open", enteredAt: "2026-05-01T13:00:00.000Z", leftAt: "2026-05-01T13:00:00.000Z", outcome: "success", reason: null, role: "operator", user: userId.operator },
      { stage: "assembly", kind: "open", enteredAt: "2026-05-01T13:00:00.000Z", leftAt: "2026-05-01T13:20:00.000Z", outcome: "failure", reason: "out_of_stock", role: "store_admin", user: userId["store-a"] },
      { stage: "lost", kind: "lost", enteredAt: "2026-05-01T13:20:00.000Z", leftAt: null, outcome: "lost", reason: "out_of_stock", role: "store_admin", user: userId["store-a"] },
    ]);
    assert.deepEqual(lost.tasks!.filter((t) => t.status === "open"), [], "no task left open");
  });

  it("should move the deal to the stage of a custom button's target", async () => {
    // given: a delivery order of store A at packing, whose customer will rather collect it at the store
    const dealId = await startDeal("STAFF-3", DELIVERY);
    const pack = await workUntil(dealId, "Task_pack");
    const button = pack.outcomes.find((o) => o.kind === "custom");
    assert.deepEqual(button, { flow: "Flow_customer_collects", kind: "custom", label: "Customer will collect at store", color: "#8b5cf6" });
    // when
    const pressed = await complete(pack, "store-a", { outcome: "Flow_customer_collects" });
    // then
    assert.equal(pressed.status, 200, pressed.text);
    const moved = await api.deal(dealId);
    assert.equal(moved.stage, "handover");
    assert.deepEqual((await openTasks(dealId)).map((t) => [t.element, t.stage, t.role, t.store]), [["Task_handover", "handover", "store_admin", "A"]]);
    assert.deepEqual(
      moved.history!.map((h) => [h.stage, h.outcome, h.role, h.user]),
      [
        ["new", "success", "operator", userId.operator],
        ["assembly", "Flow_customer_collects", "store_admin", userId["store-a"]],
        ["handover", null, null, null],
      ],
    );
  });

  /** Sets the test clock and fires the timers due by then. */
  async function moveClock(iso: string): Promise<void> {
    clock = new Date(iso);
    await api.services.timers.fireDue();
  }

  const startDeal = (externalId: string, extra: Record<string, unknown> = {}) => postOrder(api, externalId, extra);
  const openTasks = (dealId: string) => openTasksOf(api, dealId);

  async function complete(task: TaskView, login: string, body: Record<string, unknown>) {
    return request(api.app).post(`/api/tasks/${task.id}/complete`).set(await api.as(login)).send(body);
  }

  /** The ids of the tasks in a user's inbox, sorted. */
  async function inbox(login: string): Promise<string[]> {
    const res = await request(api.app).get("/api/tasks").query({ range: "[0,99]" }).set(await api.as(login));
    assert.equal(res.status, 200, res.text);
    return ids(res.body);
  }

  /** A user's notifications about a task, as [kind, createdAt], oldest first. */
  async function notices(login: string, taskId: string): Promise<string[][]> {
    const res = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ taskId }) }).set(await api.as(login));
    assert.equal(res.status, 200, res.text);
    return (res.body as { kind: string; createdAt: string }[]).map((n) => [n.kind, n.createdAt]).sort((a, b) => a[1]!.localeCompare(b[1]!));
  }

  /** Completes every open task successfully (checklists ticked) as its worker until `element` is open; returns that task. */
  async function workUntil(dealId: string, element: string): Promise<TaskView> {
    for (let round = 0; round < 10; round++) {
      const open = await openTasks(dealId);
      const found = open.find((t) => t.element === element);
      if (found) return found;
      assert.ok(open.length > 0, `the deal waits at no task before ${element}`);
      for (const task of open) assert.equal((await complete(task, workerFor(task), { outcome: "success", checklist: ticked(task) })).status, 200, task.element);
    }
    throw new Error(`${element} never opened`);
  }
});

function ids(tasks: { id: string }[]): string[] {
  return tasks.map((t) => t.id).sort();
}

/** The stages a deal went through, in order. */
function stages(deal: DealView): string[] {
  return deal.history!.map((h) => h.stage);
}
