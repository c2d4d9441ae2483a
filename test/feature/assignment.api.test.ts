/**
 * Automatic assignment over HTTP: the reference route with its pick tasks set to `least-open` hands each
 * pick to one active store admin of the deal's store, and leaves pool tasks to the pool.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { openApi, order, type ApiHarness, ticked } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const PICK = '<or:task stage="assembly">\n        <or:taskTemplate title="Pick {{item.name}}';
const LEAST_OPEN = REFERENCE.replace(PICK, PICK.replace('stage="assembly"', 'stage="assembly" assignment="least-open"'));

describe("automatic assignment", () => {
  let api: ApiHarness;
  const ids: Record<string, string> = {};

  before(async () => {
    api = await openApi();
    assert.notEqual(LEAST_OPEN, REFERENCE, "the pick task of the reference route was found");
    const admin = await api.as("admin");
    await request(api.app).post("/api/routes").set(admin).type("application/xml").send(LEAST_OPEN).expect(201);
    await request(api.app).post("/api/users").set(admin).send({ login: "store-a2", name: "Store admin A2", password: "store-a2", roles: ["store_admin"], store: "A", team: "ops" }).expect(201);
    const users = await request(api.app).get("/api/users").query({ range: "[0,99]" }).set(admin).expect(200);
    for (const user of users.body as { login: string; id: string }[]) ids[user.login] = user.id;
  });
  after(() => api.close());

  it("should hand the picks of a store A deal to store A's admins, one each, and leave packaging in the pool", async () => {
    // given a deal in store A with two items, verified by the operator
    const started = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("ASSIGN-1")).expect(201);
    const [verify] = (await api.deal(started.body.id)).tasks!;
    // when
    await request(api.app).post(`/api/tasks/${verify!.id}/complete`).set(await api.as("operator")).send({ outcome: "success", checklist: ["reached"] }).expect(200);
    // then
    const open = (await api.deal(started.body.id)).tasks!.filter((task) => task.status === "open");
    const picks = open.filter((task) => task.element.toLowerCase().includes("pick"));
    const others = open.filter((task) => !picks.includes(task));
    assert.equal(picks.length, 2, JSON.stringify(open));
    assert.deepEqual(picks.map((task) => task.assignee).sort(), [ids["store-a"], ids["store-a2"]].sort());
    assert.ok(others.length > 0 && others.every((task) => task.assignee === null), JSON.stringify(others));
  });

  it("should let only the assignee complete an assigned pick (409 for the other store admin)", async () => {
    // given
    const started = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("ASSIGN-2")).expect(201);
    const [verify] = (await api.deal(started.body.id)).tasks!;
    await request(api.app).post(`/api/tasks/${verify!.id}/complete`).set(await api.as("operator")).send({ outcome: "success", checklist: ["reached"] }).expect(200);
    const pick = (await api.deal(started.body.id)).tasks!.find((task) => task.status === "open" && task.assignee)!;
    const holder = pick.assignee === ids["store-a"] ? "store-a" : "store-a2";
    const other = holder === "store-a" ? "store-a2" : "store-a";
    // when
    const refused = await request(api.app).post(`/api/tasks/${pick.id}/complete`).set(await api.as(other)).send({ outcome: "success", checklist: ticked(pick) });
    const done = await request(api.app).post(`/api/tasks/${pick.id}/complete`).set(await api.as(holder)).send({ outcome: "success", checklist: ticked(pick) });
    // then
    assert.equal(refused.status, 409);
    assert.equal(done.status, 200, done.text);
  });
});
