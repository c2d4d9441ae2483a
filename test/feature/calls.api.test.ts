/**
 * Telephony over HTTP with the real runtime: an admin gives the operator an extension, the operator calls a
 * deal's customer (an outbox message and call.requested, or a clear refusal that writes nothing), and a
 * PBX's signed notifications (Zadarma) log the call on the deal and pop it up on the operator's live stream.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { get, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { Entities, type OutboxRow, type UserRow } from "../../engine/store/index.ts";
import { dumpCommandTables } from "../../engine/runtime/testing/fixture.ts";
import { openApi, order, type ApiHarness } from "./api-harness.ts";

const ROUTE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const SECRET = "zadarma-secret";
/** Zadarma's signature: base64 of the hex HMAC-SHA1 of the event's signed fields (see the corpus contract). */
const signed = (fields: Record<string, string>, signedFields: string[]) => ({
  body: new URLSearchParams(fields).toString(),
  signature: Buffer.from(createHmac("sha1", SECRET).update(signedFields.map((name) => fields[name] ?? "").join("")).digest("hex")).toString("base64"),
});

describe("calls over HTTP", () => {
  let api: ApiHarness;
  let dealId: string;
  let server: Server;
  before(async () => {
    api = await openApi();
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(ROUTE).expect(201);
    await request(api.app).post("/api/connector-instances").set(await api.as("admin")).send({ name: "phone", connector: "zadarma", config: { key: "k", secret: SECRET, baseUrl: "http://127.0.0.1:9" } }).expect(201);
    const customer = { name: "Anna Petrova", phone: "8 (912) 345-67-89", ageVerified: false };
    dealId = (await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("CALL-API-1", { customer })).expect(201)).body.id;
    server = api.app.listen(0, "127.0.0.1");
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  const userId = async (login: string) => (await api.db.dataSource.getRepository<UserRow>(Entities.User).findOneByOrFail({ login })).id;

  it("should let an admin set a user's extension, and refuse a malformed one", async () => {
    // when
    const set = await request(api.app).put(`/api/users/${await userId("operator")}`).set(await api.as("admin")).send({ extension: "101" });
    const bad = await request(api.app).put(`/api/users/${await userId("operator")}`).set(await api.as("admin")).send({ extension: "10 1" });
    // then
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.extension, "101");
    assert.equal((await request(api.app).get(`/api/users/${await userId("operator")}`).set(await api.as("admin"))).body.extension, "101");
    assert.equal(bad.status, 422);
    assert.ok(bad.body.errors.some((e: { pointer: string }) => e.pointer.startsWith("/extension")), bad.text);
  });

  it("should queue a click-to-call from the operator's extension to the customer, and log it on the deal", async () => {
    // when
    const res = await request(api.app).post(`/api/deals/${dealId}/call`).set(await api.as("operator")).send({});
    // then
    assert.equal(res.status, 202, res.text);
    const operatorId = await userId("operator");
    assert.deepEqual({ ...res.body, messageId: typeof res.body.messageId }, {
      dealId, instance: "phone", operator: "101", to: "+79123456789", messageId: "number",
      idempotencyKey: `call:${dealId}:${operatorId}:${Date.parse(res.body.requestedAt)}`, requestedAt: res.body.requestedAt,
    });
    const message = await api.db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findOneByOrFail({ id: res.body.messageId });
    assert.deepEqual([message.dealId, message.connector, message.action, message.payload, message.audience, message.idempotencyKey], [dealId, "phone", "call", { operator: "101", to: "+79123456789" }, "system", res.body.idempotencyKey]);
    const log = await request(api.app).get(`/api/deals/${dealId}/calls`).set(await api.as("operator")).expect(200);
    assert.deepEqual(log.body.map((e: Record<string, unknown>) => [e.event, e.operator, e.phone, e.actor, e.direction]), [["requested", "101", "+79123456789", "operator", "outgoing"]]);
  });

  it("should refuse a caller without an extension, an unknown instance and a deal the caller cannot see, writing nothing", async () => {
    // given
    const before = await dumpCommandTables(api.db.dataSource);
    // when
    const noExtension = await request(api.app).post(`/api/deals/${dealId}/call`).set(await api.as("admin")).send({});
    const noInstance = await request(api.app).post(`/api/deals/${dealId}/call`).set(await api.as("operator")).send({ instance: "sip" });
    const hidden = await request(api.app).post(`/api/deals/${dealId}/call`).set(await api.as("store-b")).send({});
    const hiddenLog = await request(api.app).get(`/api/deals/${dealId}/calls`).set(await api.as("store-b"));
    // then
    assert.deepEqual([noExtension.status, noExtension.body.errors?.[0]?.pointer], [422, "/extension"]);
    assert.deepEqual([noInstance.status, noInstance.body.errors?.[0]?.pointer], [422, "/instance"]);
    assert.deepEqual([hidden.status, hiddenLog.status], [404, 404]);
    assert.deepEqual(await dumpCommandTables(api.db.dataSource), before);
  });

  it("should log a PBX's signed call notifications on the deal and pop the call up on the ringing operator's stream", async () => {
    // given the operator's live stream
    const stream = await openStream(server, (await api.as("operator")).Authorization);
    await stream.until((text) => text.includes(": live"));
    const start = { event: "NOTIFY_INTERNAL", call_start: "2026-05-01 13:00:00", pbx_call_id: "in_api_1", caller_id: "79123456789", called_did: "74951234567", internal: "101" };
    const end = { ...start, event: "NOTIFY_END", duration: "61", disposition: "answered", status_code: "16", is_recorded: "0" };
    const post = (fields: { body: string; signature: string }) => request(api.app).post("/hooks/phone/events").type("application/x-www-form-urlencoded").set("Signature", fields.signature).send(fields.body);
    // when
    const echo = await request(api.app).get("/hooks/phone/events?zd_echo=abc123");
    const forged = await post({ ...signed(start, ["caller_id", "called_did", "call_start"]), signature: "Zm9yZ2Vk" });
    const started = await post(signed(start, ["caller_id", "called_did", "call_start"]));
    const pop = await stream.until((text) => text.includes("event: screen-pop"));
    const ended = await post(signed(end, ["caller_id", "called_did", "call_start"]));
    stream.close();
    // then
    assert.deepEqual([echo.status, echo.text], [200, "abc123"]);
    assert.equal(forged.status, 401);
    assert.equal(started.status, 200, started.text);
    assert.equal(ended.status, 200, ended.text);
    const data = JSON.parse(/event: screen-pop\ndata: (.*)\n/.exec(pop)![1]!);
    assert.deepEqual([data.phone, data.customerName, data.operator, data.deals.map((d: { id: string }) => d.id)], ["+79123456789", "Anna Petrova", "101", [dealId]]);
    const log = await request(api.app).get(`/api/deals/${dealId}/calls`).set(await api.as("operator")).expect(200);
    assert.deepEqual(log.body.slice(1).map((e: Record<string, unknown>) => [e.event, e.callId, e.operator, e.actor, e.durationSec, e.disposition]), [
      ["started", "in_api_1", "101", "operator", null, null],
      ["ended", "in_api_1", "101", "operator", 61, "answered"],
    ]);
  });
});

/** An SSE stream read as text: `until` resolves with everything received once `done` says so. */
async function openStream(server: Server, authorization: string): Promise<{ until(done: (text: string) => boolean): Promise<string>; close(): void }> {
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<IncomingMessage>((resolve, reject) => get({ host: "127.0.0.1", port, path: "/api/notifications/stream", headers: { Authorization: authorization } }, resolve).on("error", reject));
  let text = "";
  const waiters: (() => void)[] = [];
  response.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    async until(done) {
      while (!done(text)) await new Promise<void>((resolve) => waiters.push(resolve));
      return text;
    },
    close: () => response.destroy(),
  };
}
