import assert from "node:assert/strict";
import { describe, it } from "node:test";
import request from "supertest";
import { fakeServices } from "./testing/fake-services.ts";
import { harness } from "./testing/harness.ts";

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("api over fake services", () => {
  it("should answer health without a token", async () => {
    const res = await request(harness().app).get("/api/health");
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "ok");
  });

  it("should send a list with Content-Range and expose it", async () => {
    // given
    const { app, login } = harness();
    const token = await login("admin");
    // when
    const res = await request(app).get("/api/reasons").query({ range: "[0,9]" }).set(auth(token));
    // then
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-range"], "reasons 0-0/1");
    assert.match(res.headers["access-control-expose-headers"], /Content-Range/);
    assert.equal(res.body.length, 1);
  });

  it("should refuse a list parameter that is not JSON, naming it", async () => {
    const { app, login } = harness();
    const res = await request(app).get("/api/deals").query({ filter: "{oops" }).set(auth(await login("admin")));
    assert.equal(res.status, 400);
    assert.match(res.type, /problem\+json/);
    assert.match(res.body.detail, /'filter'/);
  });

  it("should answer malformed JSON with a 400 problem", async () => {
    const { app, login } = harness();
    const res = await request(app).post("/api/deals").set(auth(await login("admin"))).type("application/json").send('{"externalId": ');
    assert.equal(res.status, 400);
    assert.match(res.type, /problem\+json/);
    assert.equal(res.body.title, "Malformed JSON body");
  });

  it("should answer an unknown route with a 404 problem", async () => {
    const { app } = harness();
    for (const path of ["/api/nothing", "/elsewhere"]) {
      const res = await request(app).get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.type, /problem\+json/);
    }
  });

  it("should start a deal with 201 and answer a repeat of its externalId with 200", async () => {
    // given
    const { app, login } = harness();
    const token = await login("operator");
    // when
    const first = await request(app).post("/api/deals").set(auth(token)).send({ externalId: "A-1" });
    const again = await request(app).post("/api/deals").set(auth(token)).send({ externalId: "A-1" });
    // then
    assert.equal(first.status, 201);
    assert.equal(first.headers.location, `/api/deals/${first.body.id}`);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
  });

  it("should pass a service's 422 through with its pointers", async () => {
    const { app, login } = harness();
    const res = await request(app).post("/api/deals").set(auth(await login("admin"))).send({ nope: 1 });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].pointer, "/externalId");
  });

  it("should publish XML bodies and JSON {xml}, and refuse other media types", async () => {
    // given
    const { app, login } = harness();
    const token = await login("admin");
    // when
    const xml = await request(app).post("/api/routes").set(auth(token)).type("text/xml").send("<definitions/>");
    const json = await request(app).post("/api/routes").set(auth(token)).send({ xml: "<definitions/>" });
    const other = await request(app).post("/api/routes").set(auth(token)).type("text/plain").send("<definitions/>");
    // then
    assert.equal(xml.status, 201);
    assert.equal(xml.headers.location, `/api/routes/${xml.body.id}`);
    assert.equal(json.status, 201);
    assert.equal(other.status, 415);
  });

  it("should refuse a body that is not XML with 400 before calling the service", async () => {
    const services = fakeServices();
    const { app, login } = harness(services);
    const res = await request(app).post("/api/routes").set(auth(await login("admin"))).type("application/xml").send("hello");
    assert.equal(res.status, 400);
    assert.ok(!services.calls.includes("routes.publish"));
  });

  it("should render a refused route as 422 with the element at fault", async () => {
    const { app, login } = harness();
    const res = await request(app).post("/api/routes").set(auth(await login("admin"))).type("application/xml").send("<x/>");
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].element, "Process_1");
  });

  it("should validate without publishing", async () => {
    const services = fakeServices();
    const { app, login } = harness(services);
    const token = await login("admin");
    const res = await request(app).post("/api/routes/validate").set(auth(token)).type("application/xml").send("<x/>");
    const list = await request(app).get("/api/routes").set(auth(token));
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, false);
    assert.equal(list.headers["content-range"], "routes */0");
  });

  it("should answer a second completion of a task with 409", async () => {
    // given
    const { app, login } = harness();
    const token = await login("operator");
    await request(app).post("/api/deals").set(auth(token)).send({ externalId: "A-2" }).expect(201);
    const [task] = (await request(app).get("/api/tasks").set(auth(token))).body;
    // when
    const first = await request(app).post(`/api/tasks/${task.id}/complete`).set(auth(token)).send({ outcome: "done" });
    const second = await request(app).post(`/api/tasks/${task.id}/complete`).set(auth(token)).send({ outcome: "done" });
    // then
    assert.equal(first.status, 200);
    assert.equal(first.body.task.status, "completed");
    assert.equal(second.status, 409);
    assert.match(second.type, /problem\+json/);
  });

  it("should refuse a completion without an outcome, pointing at it", async () => {
    const { app, login } = harness();
    const res = await request(app).post("/api/tasks/t1/complete").set(auth(await login("operator"))).send({ reason: "x" });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].pointer, "/outcome");
  });

  it("should accept a message with 202 and insist on naming the deal", async () => {
    const { app, login } = harness();
    const token = await login("operator");
    await request(app).post("/api/deals").set(auth(token)).send({ externalId: "A-3" }).expect(201);
    const ok = await request(app).post("/api/messages").set(auth(token)).send({ name: "payment.received", orderId: "A-3" });
    const bad = await request(app).post("/api/messages").set(auth(token)).send({ name: "payment.received" });
    assert.equal(ok.status, 202);
    assert.equal(ok.body.externalId, "A-3");
    assert.equal(bad.status, 400);
  });

  it("should hide the internals of an unexpected failure behind a 500 problem", async () => {
    // given
    const services = fakeServices();
    services.reasons.list = async () => {
      throw new Error("connection to secret-db.internal:3306 refused");
    };
    const { app, login } = harness(services);
    // when
    const res = await request(app).get("/api/reasons").set(auth(await login("admin")));
    // then
    assert.equal(res.status, 500);
    assert.match(res.type, /problem\+json/);
    assert.doesNotMatch(res.text, /secret-db/);
  });
});
