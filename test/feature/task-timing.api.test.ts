/**
 * Issue 3's time rules over HTTP with a test clock (no sleeping): the courier task of the reference route
 * stays out of the courier's inbox until its delivery slot opens (one hour before), and then tells the pool.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Express } from "express";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../engine/api/app.ts";
import type { DealView, Services, TaskView } from "../../engine/runtime/contract.ts";
import { createServices, seedDemo, seedReasons } from "../../engine/runtime/index.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { order, ticked, workerFor } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const SLOT = { start: "2026-05-01T14:00:00.000Z", end: "2026-05-01T16:00:00.000Z" };

describe("task timing over the API", () => {
  let db: TestDatabase;
  let services: Services;
  let app: Express;
  let clock = new Date("2026-05-01T08:00:00.000Z");
  const tokens = new Map<string, string>();
  const as = async (login: string) => {
    if (!tokens.has(login)) tokens.set(login, (await request(app).post("/api/auth/login").send({ login, password: login }).expect(200)).body.token);
    return { Authorization: `Bearer ${tokens.get(login)}` };
  };
  const deal = async (id: string): Promise<DealView> => (await request(app).get(`/api/deals/${id}`).set(await as("admin")).expect(200)).body;
  const inbox = async (login: string): Promise<TaskView[]> => (await request(app).get("/api/tasks").set(await as(login)).expect(200)).body;

  before(async () => {
    db = await openTestDatabase();
    await seedReasons(db.dataSource);
    await seedDemo(db.dataSource);
    services = createServices(db.dataSource, { now: () => clock, instanceId: "timing-test" });
    app = createApp(services, { logger: pino({ level: "silent" }) });
    await request(app).post("/api/routes").set(await as("admin")).type("application/xml").send(REFERENCE).expect(201);
  });
  after(() => db.close());

  it("should show the courier task only when its delivery slot opens, telling the courier then", async () => {
    // given: a delivery order worked up to its courier task at 08:00
    const started = await request(app).post("/api/deals").set(await as("operator")).send(order("SLOT-1", { fulfilment: { type: "delivery", address: "Tverskaya 1", slot: SLOT } }));
    assert.equal(started.status, 201, started.text);
    const courierTask = await workUntilCourier(started.body.id);
    assert.equal(courierTask.visibleFrom, "2026-05-01T13:00:00.000Z");
    assert.equal(courierTask.dueAt, SLOT.end);
    assert.equal(courierTask.deferred, true);
    // when: before the slot opens
    clock = new Date("2026-05-01T12:59:00.000Z");
    await services.timers.fireDue();
    const hidden = await inbox("courier");
    const managers = await inbox("manager");
    const told = async () => (await request(app).get("/api/notifications").query({ filter: JSON.stringify({ taskId: courierTask.id }) }).set(await as("courier"))).body as { kind: string }[];
    const toldBefore = await told();
    // then
    assert.ok(!hidden.some((t) => t.id === courierTask.id), "hidden from the courier");
    assert.equal(managers.find((t) => t.id === courierTask.id)?.deferred, true, "the manager sees it, flagged");
    assert.deepEqual(toldBefore, []);
    // when: the slot opens (one hour before its start)
    clock = new Date("2026-05-01T13:00:00.000Z");
    await services.timers.fireDue();
    // then
    const shown = (await inbox("courier")).find((t) => t.id === courierTask.id);
    assert.ok(shown, "in the courier's inbox");
    assert.equal(shown.deferred, false);
    assert.equal(shown.overdue, false);
    assert.deepEqual((await told()).map((n) => n.kind), ["task.created"]);
    // when: it is delivered, with its required checklist item ticked
    const refused = await request(app).post(`/api/tasks/${shown.id}/complete`).set(await as("courier")).send({ outcome: "success" });
    const done = await request(app).post(`/api/tasks/${shown.id}/complete`).set(await as("courier")).send({ outcome: "success", checklist: ticked(shown) });
    // then
    assert.equal(refused.status, 422);
    assert.equal(refused.body.errors[0].pointer, "/checklist");
    assert.equal(done.status, 200, done.text);
  });

  /** Completes every open task (checklists ticked) until the courier task exists; returns it. */
  async function workUntilCourier(dealId: string): Promise<TaskView> {
    for (let round = 0; round < 30; round++) {
      const open = (await deal(dealId)).tasks!.filter((t) => t.status === "open");
      const courier = open.find((t) => t.role === "courier");
      if (courier) return courier;
      assert.ok(open.length > 0, "the deal waits at no task");
      for (const task of open) {
        const res = await request(app).post(`/api/tasks/${task.id}/complete`).set(await as(workerFor(task))).send({ outcome: "success", checklist: ticked(task) });
        assert.equal(res.status, 200, `${task.element}: ${res.text}`);
      }
    }
    throw new Error("no courier task");
  }
});
