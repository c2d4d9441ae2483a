/**
 * The HTTP layer over the real runtime: authentication, roles, problem+json, simple-REST lists, the OpenAPI
 * document against what the app mounts.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { mountedRoutes } from "../../engine/api/testing/mounted-routes.ts";
import { openApi, order, type ApiHarness } from "./api-harness.ts";

describe("API over the runtime", () => {
  let api: ApiHarness;
  before(async () => {
    api = await openApi();
  });
  after(async () => {
    await api.close();
  });

  it("should log a demo user in and refuse a wrong password", async () => {
    // when
    const good = await request(api.app).post("/api/auth/login").send({ login: "store-a", password: "store-a" });
    const bad = await request(api.app).post("/api/auth/login").send({ login: "store-a", password: "wrong" });
    // then
    assert.equal(good.status, 200);
    assert.ok(good.body.token);
    assert.deepEqual(good.body.user.roles, ["store_admin"]);
    assert.equal(good.body.user.store, "A");
    assert.equal(good.body.user.passwordHash, undefined);
    assert.equal(bad.status, 401);
    assert.match(bad.type, /application\/problem\+json/);
  });

  it("should know the caller behind a token and forget it at logout", async () => {
    const login = await request(api.app).post("/api/auth/login").send({ login: "manager", password: "manager" }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    const me = await request(api.app).get("/api/auth/me").set(auth);
    assert.equal(me.body.login, "manager");
    await request(api.app).post("/api/auth/logout").set(auth).expect(204);
    assert.equal((await request(api.app).get("/api/auth/me").set(auth)).status, 401);
  });

  it("should refuse every protected endpoint without a token", async () => {
    for (const [method, path] of [["get", "/api/deals"], ["get", "/api/tasks"], ["post", "/api/routes"], ["get", "/api/reasons"], ["post", "/api/messages"]] as const) {
      const res = await request(api.app)[method](path);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.status, 401);
    }
  });

  it("should refuse callers without the role with 403", async () => {
    // given
    const courier = await api.as("courier");
    const analyst = await api.as("analyst");
    // when
    const publish = await request(api.app).post("/api/routes").set(courier).type("application/xml").send("<definitions/>");
    const start = await request(api.app).post("/api/deals").set(analyst).send(order("WEB-403"));
    const complete = await request(api.app).post("/api/tasks/any/complete").set(analyst).send({ outcome: "success" });
    // then
    for (const res of [publish, start, complete]) {
      assert.equal(res.status, 403);
      assert.match(res.type, /application\/problem\+json/);
    }
  });

  it("should name each field at fault with a JSON pointer", async () => {
    const res = await request(api.app)
      .post("/api/deals")
      .set(await api.as("operator"))
      .send(order("WEB-PTR", { customer: { name: "Anna", phone: "not a phone" } }));
    assert.equal(res.status, 422);
    assert.deepEqual(Object.keys(res.body).sort(), ["detail", "errors", "status", "title", "type"]);
    assert.ok(res.body.errors.some((e: { pointer?: string }) => e.pointer === "/customer/phone"), JSON.stringify(res.body.errors));
  });

  it("should name the BPMN element at fault when a route is refused", async () => {
    const xml = `<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true"><bpmn:task id="Task_x" name="Do it"/></bpmn:process>
</bpmn:definitions>`;
    const res = await request(api.app).post("/api/routes").set(await api.as("admin")).type("text/xml").send(xml);
    assert.equal(res.status, 422);
    assert.ok(res.body.errors.some((e: { element?: string; name?: string }) => e.element === "Task_x" && e.name === "Do it"), JSON.stringify(res.body.errors));
  });

  it("should validate a route without publishing it", async () => {
    const admin = await api.as("admin");
    const res = await request(api.app).post("/api/routes/validate").set(admin).send({ xml: "<bpmn:definitions" });
    const list = await request(api.app).get("/api/routes").set(admin);
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, false);
    assert.ok(res.body.issues.length > 0);
    assert.equal(list.headers["content-range"], "routes */0");
  });

  it("should answer lists with Content-Range and refuse bad list parameters", async () => {
    // given
    const auth = await api.as("admin");
    // when
    const reasons = await request(api.app).get("/api/reasons").query({ sort: '["code","ASC"]', range: "[0,2]" }).set(auth);
    const bad = await request(api.app).get("/api/reasons").query({ range: "[0," }).set(auth);
    // then
    assert.equal(reasons.status, 200);
    assert.equal(reasons.body.length, 3);
    assert.match(reasons.headers["content-range"], /^reasons 0-2\/\d+$/);
    assert.ok(Number(reasons.headers["content-range"].split("/")[1]) > 3);
    assert.equal(reasons.headers["access-control-expose-headers"], "Content-Range");
    const codes = reasons.body.map((r: { code: string }) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /'range'/);
  });

  it("should answer malformed JSON with 400 and an unknown path with 404, both as problems", async () => {
    const malformed = await request(api.app).post("/api/auth/login").type("application/json").send('{"login": "admin",');
    const unknown = await request(api.app).get("/api/nowhere").set(await api.as("admin"));
    assert.equal(malformed.status, 400);
    assert.match(malformed.type, /application\/problem\+json/);
    assert.equal(unknown.status, 404);
    assert.match(unknown.type, /application\/problem\+json/);
  });

  it("should describe every endpoint it mounts in /api/openapi.json", async () => {
    const res = await request(api.app).get("/api/openapi.json");
    const doc = JSON.parse(res.text);
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    assert.deepEqual(documented.sort(), mountedRoutes(api.app));
  });
});
