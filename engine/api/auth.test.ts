import assert from "node:assert/strict";
import { describe, it } from "node:test";
import request from "supertest";
import { harness } from "./testing/harness.ts";

describe("api auth", () => {
  it("should return a token and the user for a good login", async () => {
    // given
    const { app } = harness();
    // when
    const res = await request(app).post("/api/auth/login").send({ login: "admin", password: "admin" });
    // then
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.token, "string");
    assert.deepEqual(res.body.user.roles, ["admin"]);
  });

  it("should refuse a bad password with a 401 problem", async () => {
    const { app } = harness();
    const res = await request(app).post("/api/auth/login").send({ login: "admin", password: "nope" });
    assert.equal(res.status, 401);
    assert.match(res.type, /application\/problem\+json/);
    assert.equal(res.body.status, 401);
  });

  it("should point at each missing login field with a 400 problem", async () => {
    const { app } = harness();
    const res = await request(app).post("/api/auth/login").send({ login: "admin" });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: { pointer: string }) => e.pointer), ["/password"]);
  });

  it("should refuse a protected endpoint without a token", async () => {
    const { app } = harness();
    const res = await request(app).get("/api/deals");
    assert.equal(res.status, 401);
    assert.match(res.type, /application\/problem\+json/);
    assert.match(res.headers["www-authenticate"], /Bearer/);
  });

  it("should refuse an unknown token", async () => {
    const { app } = harness();
    const res = await request(app).get("/api/deals").set("Authorization", "Bearer forged");
    assert.equal(res.status, 401);
  });

  it("should tell the caller who they are and forget the token at logout", async () => {
    // given
    const { app, login } = harness();
    const token = await login("operator");
    // when
    const me = await request(app).get("/api/auth/me").set("Authorization", `Bearer ${token}`);
    const out = await request(app).post("/api/auth/logout").set("Authorization", `Bearer ${token}`);
    const after = await request(app).get("/api/auth/me").set("Authorization", `Bearer ${token}`);
    // then
    assert.equal(me.body.login, "operator");
    assert.equal(out.status, 204);
    assert.equal(after.status, 401);
  });

  it("should refuse publishing to a caller without the admin role", async () => {
    const { app, login } = harness();
    const token = await login("operator");
    const res = await request(app).post("/api/routes").set("Authorization", `Bearer ${token}`).type("application/xml").send("<definitions/>");
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /admin/);
  });

  it("should let analysts read the task inbox but not act on tasks", async () => {
    // given
    const { app, login } = harness();
    const token = await login("analyst");
    // when
    const inbox = await request(app).get("/api/tasks").set("Authorization", `Bearer ${token}`);
    const claim = await request(app).post("/api/tasks/t1/claim").set("Authorization", `Bearer ${token}`);
    // then
    assert.equal(inbox.status, 200);
    assert.equal(claim.status, 403);
  });
});
