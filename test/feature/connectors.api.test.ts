/**
 * Connectors over HTTP with the real runtime: an admin configures a storefront instance (secrets masked,
 * encrypted at rest), the storefront's signed webhook starts a deal exactly once, bad signatures and
 * malformed payloads change nothing, and the deal's stage changes are pushed back, signed, through the outbox.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { startHttpStub, type HttpStub } from "../../connectors/sdk/testkit/index.ts";
import { Entities, type ConnectorInstanceRow, type DealRow, type OutboxRow } from "../../engine/store/index.ts";
import { openApi, order, type ApiHarness } from "./api-harness.ts";
import { dumpCommandTables } from "../../engine/runtime/testing/fixture.ts";

const SECRET = "shop-webhook-secret";
const PUSH_SECRET = "push-signing-secret";
const ROUTE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("connectors over HTTP", () => {
  let api: ApiHarness;
  let shop: HttpStub;

  before(async () => {
    shop = await startHttpStub(() => ({ status: 204 }));
    api = await openApi({ quietHours: null });
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(ROUTE).expect(201);
  });
  after(async () => {
    await api.close();
    await shop.close();
  });

  const webhook = (body: string, headers: Record<string, string>) => request(api.app).post("/hooks/shop/orders").set("Content-Type", "application/json").set(headers).send(body);

  it("should configure an instance with its secrets masked on every read and encrypted in the database", async () => {
    // when
    const created = await request(api.app)
      .post("/api/connector-instances")
      .set(await api.as("admin"))
      .send({ name: "shop", connector: "generic", config: { secret: SECRET, defaultStore: "A", pushUrl: `${shop.url}/stages`, pushSecret: PUSH_SECRET } })
      .expect(201);
    // then
    assert.equal(created.body.config.secret, "••••••");
    assert.equal(created.body.config.pushSecret, "••••••");
    assert.equal(created.body.config.defaultStore, "A");
    const listed = await request(api.app).get("/api/connector-instances").set(await api.as("admin")).expect(200);
    assert.equal(listed.headers["content-range"], "connector-instances 0-0/1");
    assert.equal(listed.body[0].config.secret, "••••••");
    const [row] = await api.db.dataSource.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).find();
    assert.match(row!.config, /^v1:/);
    assert.ok(!row!.config.includes(SECRET) && !Buffer.from(row!.config).toString("base64").includes(Buffer.from(SECRET).toString("base64")));
  });

  it("should keep a masked secret on an update and refuse an invalid configuration naming the field", async () => {
    // when: the admin changes the store and sends the masked secrets back
    const current = (await request(api.app).get("/api/connector-instances/shop").set(await api.as("admin")).expect(200)).body;
    await request(api.app).put("/api/connector-instances/shop").set(await api.as("admin")).send({ config: { ...current.config, defaultStore: "A" } }).expect(200);
    const invalid = await request(api.app).put("/api/connector-instances/shop").set(await api.as("admin")).send({ config: { secret: "short" } }).expect(422);
    const unknown = await request(api.app).post("/api/connector-instances").set(await api.as("admin")).send({ name: "x", connector: "nope", config: {} }).expect(422);
    // then the stored secret still verifies webhooks (next test) and errors point at the fields
    assert.equal(invalid.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.deepEqual(invalid.body.errors.map((e: { pointer: string }) => e.pointer), ["/config/secret"]);
    assert.equal(unknown.body.errors[0].pointer, "/connector");
    await request(api.app).get("/api/connector-instances").set(await api.as("operator")).expect(403);
  });

  it("should create an instance by PUT to its name (configuration as code) and answer 404 to a PUT without a connector", async () => {
    // when
    const created = await request(api.app).put("/api/connector-instances/sms").set(await api.as("admin")).send({ connector: "sandbox", config: { channel: "sms" } }).expect(200);
    const missing = await request(api.app).put("/api/connector-instances/nothing").set(await api.as("admin")).send({ enabled: false }).expect(404);
    // then
    assert.deepEqual([created.body.name, created.body.connector, created.body.enabled], ["sms", "sandbox", true]);
    assert.equal((await request(api.app).get("/api/connector-instances/sms").set(await api.as("admin")).expect(200)).body.config.channel, "sms");
    assert.equal(missing.headers["content-type"], "application/problem+json; charset=utf-8");
  });

  it("should refuse a bad signature with 401 and a malformed order with 422 naming the field, creating nothing", async () => {
    // given
    const before = await dumpCommandTables(api.db.dataSource);
    const body = JSON.stringify(order("WEB-1"));
    const malformed = JSON.stringify({ ...order("WEB-1"), items: [{ sku: "X", name: "X", quantity: -1, price: 1 }] });
    // when
    const forged = await webhook(body, { "X-Order-Routes-Event": "order.created", "X-Order-Routes-Signature": sign(body, "not-the-secret") });
    const unsigned = await webhook(body, { "X-Order-Routes-Event": "order.created" });
    const bad = await webhook(malformed, { "X-Order-Routes-Event": "order.created", "X-Order-Routes-Signature": sign(malformed) });
    const unknownInstance = await request(api.app).post("/hooks/nobody/orders").send(body);
    // then
    assert.deepEqual([forged.status, unsigned.status, bad.status, unknownInstance.status], [401, 401, 422, 404]);
    assert.equal(forged.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.ok(bad.body.errors.some((e: { pointer: string }) => e.pointer === "/items/0/quantity"), JSON.stringify(bad.body));
    assert.deepEqual(await dumpCommandTables(api.db.dataSource), before);
  });

  it("should start one deal for a signed order delivered twice, remembering the instance it came from", async () => {
    // given
    const body = JSON.stringify(order("WEB-2"));
    const headers = { "X-Order-Routes-Event": "order.created", "X-Order-Routes-Signature": sign(body) };
    // when
    const first = await webhook(body, headers);
    const second = await webhook(body, headers);
    // then
    assert.deepEqual([first.status, second.status], [201, 200]);
    assert.equal(first.body.results[0].dealId, second.body.results[0].dealId);
    assert.deepEqual([first.body.results[0].created, second.body.results[0].created], [true, false]);
    const deals = await api.db.dataSource.getRepository<DealRow>(Entities.Deal).findBy({ externalId: "WEB-2" });
    assert.equal(deals.length, 1);
    assert.deepEqual(deals[0]!.data.source, { instance: "shop", connector: "generic", push: true });
  });

  it("should push the deal's stage back to the storefront, signed, through the outbox", async () => {
    // given the deal of the previous test entered its first stage
    const [deal] = await api.db.dataSource.getRepository<DealRow>(Entities.Deal).findBy({ externalId: "WEB-2" });
    const pushes = await api.db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findBy({ dealId: deal!.id, action: "stage.push" });
    assert.equal(pushes.length, 1);
    // when
    await api.services.connectors.outbox.dispatchDue();
    // then
    const received = shop.requests.filter((r) => r.path === "/stages");
    assert.equal(received.length, 1);
    const pushed = JSON.parse(received[0]!.body);
    assert.deepEqual([pushed.externalId, pushed.stage, pushed.dealId], ["WEB-2", deal!.stage, deal!.id]);
    assert.equal(received[0]!.headers["x-order-routes-signature"], sign(received[0]!.body, PUSH_SECRET));
    assert.equal(received[0]!.headers["idempotency-key"], pushes[0]!.idempotencyKey);
    const log = await request(api.app).get("/api/outbox").query({ filter: JSON.stringify({ dealId: deal!.id, action: "stage.push" }) }).set(await api.as("admin")).expect(200);
    assert.deepEqual(log.body.map((m: { status: string }) => m.status), ["sent"]);
  });

  it("should acknowledge an update about an order it has no deal for with 202, changing nothing", async () => {
    // given
    const before = await dumpCommandTables(api.db.dataSource);
    const body = JSON.stringify({ externalId: "NEVER-SEEN", comment: "new address" });
    // when
    const res = await webhook(body, { "X-Order-Routes-Event": "order.updated", "X-Order-Routes-Signature": sign(body) });
    // then
    assert.equal(res.status, 202);
    assert.deepEqual(res.body.results, [{ type: "deal.message", found: false, orderId: "NEVER-SEEN", note: "No deal for order NEVER-SEEN; nothing was changed." }]);
    assert.deepEqual(await dumpCommandTables(api.db.dataSource), before);
  });

  it("should cancel the deal when the storefront cancels the order, keeping its reason", async () => {
    // given
    const body = JSON.stringify({ externalId: "WEB-2", reason: "customer_cancelled" });
    // when
    const res = await webhook(body, { "X-Order-Routes-Event": "order.cancelled", "X-Order-Routes-Signature": sign(body) });
    // then
    assert.equal(res.status, 200);
    const [deal] = await api.db.dataSource.getRepository<DealRow>(Entities.Deal).findBy({ externalId: "WEB-2" });
    assert.deepEqual([deal!.status, deal!.outcome, deal!.lostReason], ["terminated", "lost", "customer_cancelled"]);
    const view = await api.deal(deal!.id);
    assert.ok(view.audit?.some((entry) => entry.action === "deal.cancelled" && entry.actor === "connector:shop"));
  });

  it("should list the installed connectors with their schemas and element templates for admins", async () => {
    const res = await request(api.app).get("/api/connectors").set(await api.as("admin")).expect(200);
    const ids = res.body.map((c: { id: string }) => c.id);
    for (const id of ["sandbox", "generic"]) assert.ok(ids.includes(id), `${id} in ${ids}`);
    const generic = res.body.find((c: { id: string }) => c.id === "generic");
    assert.equal(generic.configSchema.properties.secret["x-secret"], true);
    assert.deepEqual(generic.inbound.map((h: { name: string }) => h.name), ["orders"]);
    await request(api.app).get("/api/connectors").set(await api.as("operator")).expect(403);
  });
});
