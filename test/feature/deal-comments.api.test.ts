/**
 * Comments on a deal over HTTP: an entry on the deal's timeline, a mention notification for each active
 * `@login`, nothing written for bad input or a deal the caller cannot see.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { mentionedLogins } from "../../engine/runtime/deal-comments.ts";
import { openApi, order, type ApiHarness } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

describe("deal comments", () => {
  let api: ApiHarness;
  let dealId: string;
  before(async () => {
    api = await openApi();
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE).expect(201);
    dealId = (await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("WEB-COMMENT-1")).expect(201)).body.id;
  });
  after(() => api.close());

  it("should find each @login once, and not e-mail addresses", () => {
    assert.deepEqual(mentionedLogins("@store-a please call; cc @manager, @store-a. mail me at ann@example.com"), ["store-a", "manager"]);
  });

  it("should put the comment on the deal's timeline and notify the mentioned active users only", async () => {
    // when
    const res = await request(api.app)
      .post(`/api/deals/${dealId}/comments`)
      .set(await api.as("operator"))
      .send({ text: "Customer asks for paper bags, @store-a. @nobody @operator" });
    // then
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.action, "deal.commented");
    assert.deepEqual(res.body.payload, { text: "Customer asks for paper bags, @store-a. @nobody @operator", mentions: ["store-a"] });
    const audit = (await api.deal(dealId)).audit!.filter((entry) => entry.action === "deal.commented");
    assert.deepEqual(audit.map((entry) => [entry.actor, entry.id]), [["operator", res.body.id]]);
    const storeA = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ kind: "mention" }) }).set(await api.as("store-a"));
    assert.deepEqual(storeA.body.map((n: { title: string; dealId: string }) => [n.title, n.dealId]), [["operator mentioned you on order WEB-COMMENT-1", dealId]]);
    assert.deepEqual(storeA.body[0].payload, { author: { login: "operator", name: "Operator" } });
    const self = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ kind: "mention" }) }).set(await api.as("operator"));
    assert.deepEqual(self.body, []);
  });

  it("should refuse an empty comment and a deal the caller cannot see, writing nothing", async () => {
    // given
    const before = (await api.deal(dealId)).audit!.length;
    // when
    const empty = await request(api.app).post(`/api/deals/${dealId}/comments`).set(await api.as("operator")).send({ text: "  " });
    const hidden = await request(api.app).post(`/api/deals/${dealId}/comments`).set(await api.as("store-b")).send({ text: "@store-a hi" });
    const unknown = await request(api.app).post("/api/deals/no-such-deal/comments").set(await api.as("admin")).send({ text: "hello" });
    // then
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body.errors.map((e: { pointer: string }) => e.pointer), ["/text"]);
    assert.equal(hidden.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal((await api.deal(dealId)).audit!.length, before);
  });
});
