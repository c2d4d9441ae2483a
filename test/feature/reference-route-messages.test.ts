/**
 * The reference route's customer messages end to end, with the real runtime: the `sms` instance on the
 * sandbox connector, deals driven over HTTP as the demo users, the outbox dispatched, and each message's
 * rendered text checked in the customer's language — the cancellation naming its reason's label.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import type { DealView, TaskView } from "../../engine/runtime/contract.ts";
import { Entities, type OutboxRow } from "../../engine/store/index.ts";
import { openApi, ticked, workerFor, type ApiHarness, openTasksOf, postOrder } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const ADMIN = { userId: "", login: "test-admin", roles: ["admin"] };
const PHONE = "+7 900 000-00-01";
/** Intl writes a narrow or plain no-break space in money and dates; compare with plain spaces. */
const plain = (text: unknown) => String(text).replace(/[\u00a0\u202f]/g, " ");

describe("the reference route's customer messages", () => {
  let api: ApiHarness;

  before(async () => {
    // quiet hours off, so that a night-time run does not hold the messages
    api = await openApi({ quietHours: null });
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE).expect(201);
    await api.services.connectors.instances.create({ name: "sms", connector: "sandbox", config: { channel: "sms" } }, ADMIN);
  });
  after(() => api.close());

  it("should text a Russian pickup customer the confirmation and that the order is ready, in Russian", async () => {
    // given
    const dealId = await startDeal("MSG-RU-1", { customer: { name: "Анна", phone: PHONE, locale: "ru" } });
    // when
    const deal = await runToEnd(dealId);
    await api.services.connectors.outbox.dispatchDue();
    // then
    assert.equal(deal.outcome, "won");
    assert.deepEqual(await messages(dealId), [
      ["order-confirmed", "delivered", "ru", "Заказ MSG-RU-1 подтверждён, сумма 397,00 ₽. Пришлём SMS, когда его можно будет забрать."],
      ["ready-for-pickup", "delivered", "ru", "Заказ MSG-RU-1 собран и ждёт вас в магазине. К оплате: 397,00 ₽. Назовите номер заказа в пункте выдачи."],
    ]);
    const [confirmed] = await rows(dealId);
    assert.equal(confirmed!.payload.to, PHONE);
  });

  it("should text a delivery customer that the courier is on the way, in English by default", async () => {
    // given
    const slot = { start: "2030-01-01T10:00:00Z", end: "2030-01-01T12:00:00Z" };
    const dealId = await startDeal("MSG-EN-2", { fulfilment: { type: "delivery", address: "Tverskaya 1", slot } });
    // when: the order is verified, assembled and packed, so that it waits for the courier
    await workUntil(dealId, (open) => open.some((t) => t.element === "Task_deliver"));
    await api.services.connectors.outbox.dispatchDue();
    // then
    const texts = await messages(dealId);
    assert.deepEqual(texts.map(([template, status, locale]) => [template, status, locale]), [
      ["order-confirmed", "delivered", "en"],
      ["courier-on-the-way", "delivered", "en"],
    ]);
    assert.equal(texts[1]![3], "The courier is on the way with order MSG-EN-2, expected between 10:00 AM and 12:00 PM.");
  });

  it("should text the cancellation with the operator's reason, by its label in the customer's language", async () => {
    // given
    const english = await startDeal("MSG-EN-3");
    const russian = await startDeal("MSG-RU-4", { customer: { phone: PHONE, locale: "ru" } });
    // when: the operator cancels both, and the store disbands them
    for (const dealId of [english, russian]) {
      const [verify] = await openTasks(dealId);
      const failed = await complete(verify!, { outcome: "failure", reason: "customer_refused" });
      assert.equal(failed.status, 200, failed.text);
    }
    const lost = [await runToEnd(english), await runToEnd(russian)];
    await api.services.connectors.outbox.dispatchDue();
    // then
    assert.deepEqual(lost.map((d) => [d.outcome, d.lostReason]), [["lost", "customer_refused"], ["lost", "customer_refused"]]);
    assert.deepEqual(await messages(english), [
      ["order-cancelled", "delivered", "en", "Order MSG-EN-3 has been cancelled. Reason: Customer refused the order. We are sorry for the inconvenience."],
    ]);
    assert.deepEqual(await messages(russian), [
      ["order-cancelled", "delivered", "ru", "Заказ MSG-RU-4 отменён. Причина: Клиент отказался от заказа. Приносим извинения за неудобства."],
    ]);
  });

  it("should name the store's reason when the order is cancelled at assembly", async () => {
    // given: a Russian order verified and at its assembly tasks
    const dealId = await startDeal("MSG-RU-5", { customer: { phone: PHONE, locale: "ru" } });
    await workUntil(dealId, (open) => open.some((t) => t.element === "Task_pick_item"));
    const pick = (await openTasks(dealId)).find((t) => t.element === "Task_pick_item")!;
    // when
    const failed = await complete(pick, { outcome: "failure", reason: "out_of_stock" });
    assert.equal(failed.status, 200, failed.text);
    const deal = await runToEnd(dealId);
    await api.services.connectors.outbox.dispatchDue();
    // then
    assert.equal(deal.lostReason, "out_of_stock");
    const texts = await messages(dealId);
    assert.deepEqual(texts.map(([template]) => template), ["order-confirmed", "order-cancelled"]);
    assert.equal(texts[1]![3], "Заказ MSG-RU-5 отменён. Причина: Нет в наличии. Приносим извинения за неудобства.");
  });

  const startDeal = (externalId: string, extra: Record<string, unknown> = {}) => postOrder(api, externalId, extra);
  const openTasks = (dealId: string) => openTasksOf(api, dealId);

  async function complete(task: TaskView, body: Record<string, unknown>) {
    return request(api.app).post(`/api/tasks/${task.id}/complete`).set(await api.as(workerFor(task))).send(body);
  }

  /** Completes open tasks successfully as their workers until `done` holds for the open tasks. */
  async function workUntil(dealId: string, done: (open: TaskView[]) => boolean): Promise<void> {
    for (let round = 0; round < 30; round++) {
      const open = await openTasks(dealId);
      if (done(open)) return;
      assert.ok(open.length > 0, "the deal waits with no open task");
      for (const task of open) {
        const res = await complete(task, { outcome: "success", checklist: ticked(task) });
        assert.equal(res.status, 200, `${task.element}: ${res.text}`);
      }
    }
    throw new Error(`deal ${dealId} did not get there`);
  }

  async function runToEnd(dealId: string): Promise<DealView> {
    await workUntil(dealId, (open) => open.length === 0);
    const deal = await api.deal(dealId);
    assert.notEqual(deal.status, "running");
    return deal;
  }

  /** The deal's customer messages, oldest first. */
  function rows(dealId: string): Promise<OutboxRow[]> {
    return api.db.dataSource.getRepository<OutboxRow>(Entities.Outbox).find({ where: { dealId, audience: "customer" }, order: { id: "ASC" } });
  }

  /** [template, status, locale, text] of the deal's customer messages, oldest first. */
  async function messages(dealId: string): Promise<[string | null, string, unknown, string][]> {
    return (await rows(dealId)).map((row) => [row.template, row.status, row.rendered?.locale, plain(row.rendered?.text)]);
  }
});
