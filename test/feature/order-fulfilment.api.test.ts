/**
 * Issue 2's "Done when", over HTTP as the demo users: publish the reference route, run one order to won
 * and another to lost with a reason; an invalid order, malformed BPMN and a double completion change nothing.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import type { DealView, TaskView } from "../../engine/runtime/contract.ts";
import { openApi, order, workerFor, type ApiHarness, ticked } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

describe("order fulfilment over the API", () => {
  let api: ApiHarness;
  before(async () => {
    api = await openApi();
  });
  after(async () => {
    await api.close();
  });

  it("should publish the reference route as an admin", async () => {
    // when
    const res = await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE);
    // then
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.key, "order-fulfilment");
    assert.equal(res.body.version, 1);
    const list = await request(api.app).get("/api/routes").set(await api.as("operator"));
    assert.equal(list.headers["content-range"], "routes 0-0/1");
  });

  it("should run a pickup order to won as the right users", async () => {
    const deal = await runToEnd(await startDeal("WEB-WON-1"));
    assert.equal(deal.outcome, "won");
    assertWonHistory(deal);
  });

  it("should run a delivery order to won through the courier", async () => {
    const slot = { start: "2030-01-01T10:00:00Z", end: "2030-01-01T12:00:00Z" };
    const id = await startDeal("WEB-WON-2", { fulfilment: { type: "delivery", address: "Tverskaya 1", slot } });
    const deal = await runToEnd(id);
    assert.equal(deal.outcome, "won");
    assert.ok(deal.tasks!.some((t) => t.role === "courier" && t.status === "completed"), "the courier task was done");
    assert.ok(deal.audit!.some((a) => a.actor === "courier"), "by the courier");
  });

  it("should end an order failed with a reason as lost, keeping the reason in history and audit", async () => {
    // given
    const id = await startDeal("WEB-LOST-1");
    const verify = await openTask(id);
    assert.equal(verify.role, "operator");
    // when
    const failed = await request(api.app)
      .post(`/api/tasks/${verify.id}/complete`)
      .set(await api.as("operator"))
      .send({ outcome: "failure", reason: "customer_refused" });
    assert.equal(failed.status, 200, failed.text);
    const deal = await runToEnd(id);
    // then
    assert.equal(deal.outcome, "lost");
    assert.equal(deal.lostReason, "customer_refused");
    assert.ok(deal.history!.some((h) => h.reason === "customer_refused" && h.role === "operator"), JSON.stringify(deal.history));
    assert.equal(deal.history!.at(-1)!.kind, "lost");
    assert.ok(deal.audit!.some((a) => JSON.stringify(a.payload ?? {}).includes("customer_refused") && a.actor === "operator"));
  });

  it("should refuse an invalid order with 422 and create no deal", async () => {
    // given
    const before = await dealCount();
    // when
    const res = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("WEB-BAD-1", { items: [] }));
    const adult = await request(api.app)
      .post("/api/deals")
      .set(await api.as("operator"))
      .send(order("WEB-BAD-2", { items: [{ sku: "BEER", name: "Beer", quantity: 1, price: 90, adult: true }] }));
    // then
    assert.equal(res.status, 422);
    assert.match(res.type, /problem\+json/);
    assert.ok(res.body.errors.some((e: { pointer?: string }) => e.pointer?.startsWith("/items")), JSON.stringify(res.body));
    assert.equal(adult.status, 422);
    assert.equal(await dealCount(), before);
  });

  it("should answer a repeated order with 200 and the same deal", async () => {
    const first = await request(api.app).post("/api/deals").set(await api.as("integrator")).send(order("WEB-REPEAT-1"));
    const again = await request(api.app).post("/api/deals").set(await api.as("integrator")).send(order("WEB-REPEAT-1"));
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.headers.location, `/api/deals/${first.body.id}`);
  });

  it("should answer a double completion with 409 and change nothing", async () => {
    // given
    const id = await startDeal("WEB-TWICE-1");
    const verify = await openTask(id);
    const complete = async () =>
      request(api.app).post(`/api/tasks/${verify.id}/complete`).set(await api.as("operator")).send({ outcome: "success", checklist: ["reached"] });
    assert.equal((await complete()).status, 200);
    const after = await api.deal(id);
    // when
    const second = await complete();
    // then
    assert.equal(second.status, 409);
    assert.match(second.type, /problem\+json/);
    const unchanged = await api.deal(id);
    assert.deepEqual(unchanged.audit, after.audit);
    assert.deepEqual(unchanged.tasks, after.tasks);
  });

  it("should refuse malformed BPMN with 422 naming the problem, storing no version", async () => {
    // given
    const admin = await api.as("admin");
    const versions = async () => (await request(api.app).get("/api/routes").set(admin)).headers["content-range"];
    const before = await versions();
    // when
    const truncated = await request(api.app).post("/api/routes").set(admin).type("application/xml").send(REFERENCE.slice(0, 2000));
    const unrunnable = await request(api.app)
      .post("/api/routes")
      .set(admin)
      .send({ xml: REFERENCE.replace(/<bpmn:endEvent id="EndEvent_won"/, '<bpmn:endEvent id="EndEvent_won_x"') });
    // then
    assert.equal(truncated.status, 422, truncated.text);
    assert.ok(truncated.body.errors.length > 0);
    assert.equal(unrunnable.status, 422, unrunnable.text);
    assert.ok(unrunnable.body.errors.some((e: { element?: string }) => e.element), JSON.stringify(unrunnable.body));
    assert.equal(await versions(), before);
  });

  it("should list in the completion the next tasks the completing user may work, and only those", async () => {
    // given
    const dealId = await startDeal("WEB-NEXT-1");
    const verify = await openTask(dealId);
    // when
    const verified = await request(api.app).post(`/api/tasks/${verify.id}/complete`).set(await api.as("operator")).send({ outcome: "success", checklist: ticked(verify) });
    const deal = await api.deal(dealId);
    const assembly = deal.tasks!.filter((t) => t.status === "open");
    const packaging = assembly.find((t) => t.element === "Task_prepare_packaging")!;
    const packed = await request(api.app).post(`/api/tasks/${packaging.id}/complete`).set(await api.as("store-a")).send({ outcome: "success", checklist: ticked(packaging) });
    // then
    assert.equal(verified.status, 200, verified.text);
    assert.deepEqual(verified.body.next, []);
    assert.deepEqual(assembly.map((t) => t.element).sort(), ["Task_pick_item", "Task_pick_item", "Task_prepare_packaging"]);
    assert.equal(packed.status, 200, packed.text);
    assert.deepEqual(packed.body.next, []);
    const picks = assembly.filter((t) => t.element === "Task_pick_item");
    await request(api.app).post(`/api/tasks/${picks[0]!.id}/complete`).set(await api.as("store-a")).send({ outcome: "success", checklist: ticked(picks[0]!) });
    const last = await request(api.app).post(`/api/tasks/${picks[1]!.id}/complete`).set(await api.as("store-a")).send({ outcome: "success", checklist: ticked(picks[1]!) });
    assert.deepEqual(last.body.next.map((t: TaskView) => [t.element, t.store, t.status]), [["Task_pack", "A", "open"]]);
  });

  async function startDeal(externalId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order(externalId, extra));
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  }

  async function openTask(dealId: string): Promise<TaskView> {
    const deal = await api.deal(dealId);
    const open = deal.tasks!.filter((t) => t.status === "open");
    assert.equal(open.length, 1, JSON.stringify(open));
    return open[0];
  }

  /** Completes every open task successfully as its worker until the deal ends. */
  async function runToEnd(dealId: string): Promise<DealView> {
    for (let round = 0; round < 30; round++) {
      const deal = await api.deal(dealId);
      if (deal.status !== "running") return deal;
      const open = deal.tasks!.filter((t) => t.status === "open");
      assert.ok(open.length > 0, `deal ${deal.stage} is running with no open task`);
      for (const task of open) {
        const res = await request(api.app)
          .post(`/api/tasks/${task.id}/complete`)
          .set(await api.as(workerFor(task)))
          .send({ outcome: "success", checklist: ticked(task) });
        assert.equal(res.status, 200, `${task.element}: ${res.text}`);
      }
    }
    throw new Error(`deal ${dealId} did not end`);
  }

  async function dealCount(): Promise<number> {
    const res = await request(api.app).get("/api/deals").query({ range: "[0,0]" }).set(await api.as("admin"));
    return Number(res.headers["content-range"].split("/")[1]);
  }

  function assertWonHistory(deal: DealView): void {
    const stages = deal.history!.map((h) => h.stage);
    assert.equal(deal.history!.at(-1)!.kind, "won");
    assert.ok(stages.length >= 4, stages.join(" → "));
    assert.ok(deal.audit!.some((a) => a.actor === "store-a"), "the store admin of store A worked it");
  }
});
