import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ConnectorError, defineConnector, type RenderedMessage } from "../../../connectors/sdk/index.ts";
import { route } from "../../core/testing/route-builder.ts";
import { Entities, updateRows, type AuditRow, type OutboxRow } from "../../store/index.ts";
import { createContext } from "../context.ts";
import { createServices } from "../index.ts";
import { runCommand } from "../inbound/commands.ts";
import { applyProviderStatus } from "./provider-status.ts";
import type { Services } from "../contract.ts";
import { callerOf, order, prepare } from "../testing/fixture.ts";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";

/** start → SMS (instance "sms") → wait: sms.delivered → won | sms.bounced or sms.failed → lost */
const cascade = route("cascade")
  .stage("new").stage("done", "won").stage("failed", "lost")
  .start("start")
  .service("notify", "sms", "send", { to: "customer.phone" })
  .gateway("eventBased", "wait")
  .catch("delivered", { kind: "message", message: "sms.delivered" })
  .catch("bounced", { kind: "message", message: "sms.bounced" })
  .catch("failed", { kind: "message", message: "sms.failed" })
  .end("won", { outcome: "won", stage: "done" })
  .end("lost", { outcome: "lost", stage: "failed" })
  .chain("start", "notify", "wait")
  .flow("wait", "delivered").flow("wait", "bounced").flow("wait", "failed")
  .flow("delivered", "won").flow("bounced", "lost").flow("failed", "lost")
  .build();

/** What the fake provider does with the next sends (shift per call; empty = accept). */
let script: ("ok" | "busy" | "bounce" | "throttled")[] = [];
const sent: { key: string; to: string; text: string | undefined; attempt: number }[] = [];
const provider = defineConnector<{ sender: string }>({
  id: "fake-sms",
  version: "1.0.0",
  title: "Fake SMS",
  kind: "sms",
  configSchema: { type: "object", required: ["sender"], properties: { sender: { type: "string" }, token: { type: "string", "x-secret": true } } },
  actions: {
    send: {
      title: "Send",
      channel: "sms",
      inputSchema: { type: "object", required: ["to"], properties: { to: { type: "string" } } },
      async run(input: { to: string }, ctx) {
        const rendered = await ctx.render("sms");
        const step = script.shift() ?? "ok";
        if (step === "busy") throw new ConnectorError("503 from the provider", { retryable: true });
        if (step === "bounce") throw new ConnectorError("unknown subscriber", { retryable: false, status: "bounced" });
        if (step === "throttled") throw Object.assign(new Error("429 slow down"), { name: "ConnectorError", retryable: true, retryAfterMs: 30_000 });
        sent.push({ key: ctx.idempotencyKey, to: input.to, text: rendered?.text, attempt: ctx.attempt });
        return { status: "sent", providerId: `p-${sent.length}`, detail: { from: ctx.config.sender } };
      },
    },
  },
});

let db: TestDatabase;
let services: Services;
let clock = new Date("2026-11-23T10:00:00Z"); // 13:00 in Moscow
const render = async (row: OutboxRow): Promise<RenderedMessage | undefined> => ({ channel: "sms", text: `Order ${row.payload.to} confirmed`, locale: "en" });

before(async () => {
  db = await openTestDatabase();
  await prepare(db.dataSource, [cascade], clock);
  services = createServices(db.dataSource, {
    now: () => clock,
    connectors: [provider],
    render,
    random: () => 0,
    retryPolicy: { maxAttempts: 3, baseMs: 1_000, maxMs: 60_000 },
    quietHours: { from: "21:00", to: "09:00" },
  });
  await services.connectors.instances.create({ name: "sms", connector: "fake-sms", config: { sender: "SHOP", token: "s3cret" } }, await callerOf(db.dataSource, "admin"));
});
after(() => db.close());

async function startDeal(externalId: string, extra: Record<string, unknown> = {}) {
  const { deal } = await services.deals.start(order(externalId, extra), await callerOf(db.dataSource, "operator"), { route: "cascade" });
  const [row] = await db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findBy({ dealId: deal.id });
  return { deal, row: row! };
}
const rowOf = (id: number) => db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findOneByOrFail({ id });
const timeline = async (dealId: string) => (await db.dataSource.getRepository<AuditRow>(Entities.Audit).find({ where: { dealId }, order: { id: "ASC" } })).map((a) => a.action);
const dealStatus = async (id: string) => (await services.deals.get(id, await callerOf(db.dataSource, "admin"))).outcome;

test("should send a due message, keep what was rendered and the provider's id, and put it on the deal's timeline", async () => {
  // given
  script = [];
  const { deal, row } = await startDeal("OUT-1");
  // when
  const attempted = await services.connectors.outbox.dispatchDue();
  // then
  assert.equal(attempted, 1);
  const stored = await rowOf(row.id);
  assert.deepEqual([stored.status, stored.attempts, stored.providerId, stored.claimedBy], ["sent", 1, `p-${sent.length}`, null]);
  assert.deepEqual(stored.rendered, { channel: "sms", text: "Order +79001234567 confirmed", locale: "en" });
  assert.deepEqual(stored.result, { from: "SHOP" });
  assert.equal(sent.at(-1)?.key, row.idempotencyKey);
  assert.ok((await timeline(deal.id)).includes("message.sent"));
  assert.equal(await services.connectors.outbox.dispatchDue(), 0, "nothing is sent twice");
});

test("should retry a transient failure with backoff, then give up and tell the waiting deal it failed", async () => {
  // given a provider busy three times (maxAttempts 3)
  script = ["busy", "busy", "busy"];
  const { deal, row } = await startDeal("OUT-2");
  // when
  await services.connectors.outbox.dispatchDue();
  // then: retried after base/2 (random 0) = 500 ms
  let stored = await rowOf(row.id);
  assert.deepEqual([stored.status, stored.attempts, stored.lastError], ["pending", 1, "503 from the provider"]);
  assert.equal(stored.nextAttemptAt!.getTime() - clock.getTime(), 500);
  assert.equal(await services.connectors.outbox.dispatchDue(), 0, "not due yet");
  clock = new Date(clock.getTime() + 500);
  await services.connectors.outbox.dispatchDue();
  stored = await rowOf(row.id);
  assert.equal(stored.nextAttemptAt!.getTime() - clock.getTime(), 1_000, "the delay doubles");
  clock = new Date(clock.getTime() + 1_000);
  await services.connectors.outbox.dispatchDue();
  // then
  stored = await rowOf(row.id);
  assert.equal(stored.status, "dead");
  assert.match(stored.lastError ?? "", /gave up after 3 tries/);
  assert.deepEqual((await timeline(deal.id)).filter((a) => a.startsWith("message.")), ["message.retrying", "message.retrying", "message.dead"]);
  assert.equal(await dealStatus(deal.id), "lost", "the route took sms.failed");
});

test("should let an admin retry a dead message by hand, with a fresh set of tries", async () => {
  // given the dead message of the previous test
  const [dead] = await db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findBy({ status: "dead" });
  const admin = await callerOf(db.dataSource, "admin");
  // when
  const view = await services.connectors.outbox.retry(dead!.id, admin);
  await services.connectors.outbox.dispatchDue();
  // then
  assert.deepEqual([view.status, view.attempts], ["pending", 0]);
  assert.equal((await rowOf(dead!.id)).status, "sent");
  await assert.rejects(services.connectors.outbox.retry(dead!.id, admin), { status: 409 });
  await assert.rejects(services.connectors.outbox.retry(999_999, admin), { status: 404 });
});

test("should mark a permanent failure bounced at once and send the deal down its bounced path", async () => {
  // given
  script = ["bounce"];
  const { deal, row } = await startDeal("OUT-3");
  // when
  await services.connectors.outbox.dispatchDue();
  // then
  const stored = await rowOf(row.id);
  assert.deepEqual([stored.status, stored.attempts, stored.lastError], ["bounced", 1, "unknown subscriber"]);
  assert.equal(await dealStatus(deal.id), "lost");
});

test("should hold a customer message in the customer's quiet hours and send it in their morning", async () => {
  // given 23:30 in Novosibirsk (UTC+7)
  script = [];
  clock = new Date("2026-11-23T16:30:00Z");
  const { deal, row } = await startDeal("OUT-4", { customer: { name: "Ivan", phone: "+79001112233", timeZone: "Asia/Novosibirsk" } });
  // when
  await services.connectors.outbox.dispatchDue();
  // then
  let stored = await rowOf(row.id);
  assert.deepEqual([stored.status, stored.attempts, stored.nextAttemptAt?.toISOString()], ["pending", 0, "2026-11-24T02:00:00.000Z"]);
  assert.ok((await timeline(deal.id)).includes("message.held"));
  clock = new Date("2026-11-24T02:00:00Z");
  await services.connectors.outbox.dispatchDue();
  stored = await rowOf(row.id);
  assert.equal(stored.status, "sent");
});

test("should send again, with the same idempotency key, a message whose sender died before its bookkeeping", async () => {
  // given a message claimed by a process that died ("sending", lease not yet lapsed), at midday
  script = [];
  clock = new Date("2026-11-24T10:00:00Z");
  const { row } = await startDeal("OUT-5");
  await updateRows<OutboxRow>(db.dataSource.manager, Entities.Outbox, { id: row.id }, { status: "sending", claimedBy: "dead-process", claimedAt: clock, nextAttemptAt: new Date(clock.getTime() + 60_000) });
  // when: before the lease lapses, then after
  const before = await services.connectors.outbox.dispatchDue();
  clock = new Date(clock.getTime() + 60_000);
  const afterLease = await services.connectors.outbox.dispatchDue();
  // then
  assert.deepEqual([before, afterLease], [0, 1]);
  assert.equal((await rowOf(row.id)).status, "sent");
  assert.equal(sent.at(-1)?.key, row.idempotencyKey);
});

test("should move a message on a provider's delivery report and continue the deal waiting for it; stale and unknown reports change nothing", async () => {
  // given
  script = [];
  const { deal, row } = await startDeal("OUT-6");
  await services.connectors.outbox.dispatchDue();
  const providerId = (await rowOf(row.id)).providerId!;
  // when: the executor runs the connector's message.status command
  const context = createContext(db.dataSource, { now: () => clock });
  const moved = await runCommand(context, { deals: services.deals }, { name: "sms", connector: "fake-sms" }, { type: "message.status", providerId, status: "delivered" });
  // then
  assert.equal(moved.matched, 1);
  const stored = await rowOf(row.id);
  assert.equal(stored.status, "delivered");
  assert.equal(stored.deliveredAt?.toISOString(), clock.toISOString());
  assert.equal(await dealStatus(deal.id), "won");
  assert.equal(await applyProviderStatus(context, { instance: "sms", providerId, status: "sent" }), 0, "a late 'sent' does not undo 'delivered'");
  assert.equal(await applyProviderStatus(context, { instance: "sms", providerId: "nope", status: "delivered" }), 0);
  assert.equal(await applyProviderStatus(context, { instance: "email", providerId, status: "delivered" }), 0, "ids are per instance");
});

test("should keep a delivery report that beats the bookkeeping and apply it once the message is recorded", async () => {
  // given a receipt for the provider id the next send will get
  script = [];
  const context = createContext(db.dataSource, { now: () => clock });
  const early = await applyProviderStatus(context, { instance: "sms", providerId: `p-${sent.length + 1}`, status: "delivered" });
  const { deal, row } = await startDeal("OUT-7");
  // when
  await services.connectors.outbox.dispatchDue();
  // then
  assert.equal(early, 0);
  assert.equal((await rowOf(row.id)).status, "delivered");
  assert.equal(await dealStatus(deal.id), "won");
  assert.equal(await db.dataSource.getRepository(Entities.DeliveryReport).countBy({ providerId: `p-${sent.length}` }), 0, "applied reports are forgotten");
});

test("should wait as long as the provider asks, and know a connector error from a package with its own SDK copy", async () => {
  // given a provider answering 429 with Retry-After 30 s, as an error that is not an instance of our ConnectorError
  script = ["throttled"];
  const { row } = await startDeal("OUT-8");
  // when
  await services.connectors.outbox.dispatchDue();
  // then
  const stored = await rowOf(row.id);
  assert.deepEqual([stored.status, stored.lastError], ["pending", "429 slow down"]);
  assert.equal(stored.nextAttemptAt!.getTime() - clock.getTime(), 30_000);
});
