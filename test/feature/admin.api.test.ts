/**
 * The admin catalogues over HTTP: users (never a hash), stores, teams and the reasons catalogue, as
 * react-admin simple-REST resources with 404/409/422 problems; retiring a reason keeps history intact.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { openApi, order, workerFor, type ApiHarness, ticked } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

describe("admin catalogues", () => {
  let api: ApiHarness;
  let admin: { Authorization: string };
  before(async () => {
    api = await openApi();
    admin = await api.as("admin");
  });
  after(() => api.close());

  it("should create a user with a password who can log in, and never show a password hash", async () => {
    // when
    const created = await request(api.app).post("/api/users").set(admin).send({ login: "picker", name: "Picker", password: "secret1", roles: ["store_admin"], store: "B", team: "ops" });
    const login = await request(api.app).post("/api/auth/login").send({ login: "picker", password: "secret1" });
    const list = await request(api.app).get("/api/users").query({ range: "[0,99]" }).set(admin);
    // then
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.location, `/api/users/${created.body.id}`);
    assert.deepEqual({ ...created.body, id: "-" }, { id: "-", login: "picker", name: "Picker", roles: ["store_admin"], store: "B", team: "ops", active: true });
    assert.equal(login.status, 200);
    assert.match(list.headers["content-range"], /^users 0-8\/9$/);
    assert.ok(!/scrypt|password/i.test(list.text), "no hash or password in the list");
  });

  it("should update roles, store, team and active, and deactivating keeps the user out", async () => {
    // given
    const { body: user } = await request(api.app).post("/api/users").set(admin).send({ login: "temp", name: "Temp", password: "secret2", roles: ["courier"], store: "A" });
    // when
    const updated = await request(api.app).put(`/api/users/${user.id}`).set(admin).send({ ...user, roles: ["courier", "store_admin"], store: "B", team: "ops" });
    const removed = await request(api.app).delete(`/api/users/${user.id}`).set(admin);
    const login = await request(api.app).post("/api/auth/login").send({ login: "temp", password: "secret2" });
    // then
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.roles, updated.body.store, updated.body.team], [["courier", "store_admin"], "B", "ops"]);
    assert.equal(removed.body.active, false);
    assert.equal(login.status, 401);
  });

  it("should answer 422 with pointers, 409 on a taken login, 404 for an unknown user, 403 to non-admins", async () => {
    // when
    const invalid = await request(api.app).post("/api/users").set(admin).send({ login: "x y", name: "", roles: "admin", store: "Z" });
    const badStore = await request(api.app).post("/api/users").set(admin).send({ login: "nostore", name: "N", password: "secret", roles: [], store: "Z" });
    const taken = await request(api.app).post("/api/users").set(admin).send({ login: "operator", name: "Again", password: "secret", roles: ["operator"] });
    const unknown = await request(api.app).get("/api/users/nobody").set(admin);
    const staff = await request(api.app).get("/api/users").set(await api.as("manager"));
    // then
    assert.equal(invalid.status, 422);
    assert.match(invalid.type, /problem\+json/);
    assert.deepEqual(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ["/login", "/name", "/password", "/roles"]);
    assert.deepEqual([badStore.status, badStore.body.errors[0].pointer], [422, "/store"]);
    assert.deepEqual([taken.status, taken.body.errors[0].pointer], [409, "/login"]);
    assert.equal(unknown.status, 404);
    assert.equal(staff.status, 403);
  });

  it("should manage stores and teams, refusing to delete what is still in use", async () => {
    // when
    const store = await request(api.app).post("/api/stores").set(admin).send({ id: "C", name: "Hypermarket C", city: "Kazan" });
    const renamed = await request(api.app).put("/api/stores/C").set(admin).send({ id: "C", name: "Hypermarket C (new)" });
    const team = await request(api.app).post("/api/teams").set(admin).send({ id: "night", name: "Night shift", manager: "manager" });
    const badManager = await request(api.app).post("/api/teams").set(admin).send({ id: "day", name: "Day", manager: "ghost" });
    const busyStore = await request(api.app).delete("/api/stores/A").set(admin);
    const busyTeam = await request(api.app).delete("/api/teams/ops").set(admin);
    const gone = await request(api.app).delete("/api/stores/C").set(admin);
    const teams = await request(api.app).get("/api/teams").set(admin);
    // then
    assert.equal(store.status, 201, store.text);
    assert.deepEqual(renamed.body, { id: "C", name: "Hypermarket C (new)", city: "Kazan" });
    assert.equal(team.status, 201, team.text);
    assert.deepEqual([badManager.status, badManager.body.errors[0].pointer], [422, "/manager"]);
    assert.deepEqual([busyStore.status, busyTeam.status, gone.status], [409, 409, 200]);
    assert.equal(teams.headers["content-range"], "teams 0-1/2");
    assert.equal(teams.body.find((t: { id: string }) => t.id === "night").manager, teams.body.find((t: { id: string }) => t.id === "ops").manager);
  });

  it("should create, update and validate reasons against the catalogue schema", async () => {
    // when
    const created = await request(api.app).post("/api/reasons").set(admin).send({ code: "courier_late", label: { en: "Courier late", ru: "Курьер опоздал" }, roles: ["courier"], stages: ["handover"] });
    const updated = await request(api.app).put("/api/reasons/courier_late").set(admin).send({ id: "courier_late", label: { en: "Courier too late", ru: "Курьер опоздал" } });
    const invalid = await request(api.app).post("/api/reasons").set(admin).send({ code: "Bad Code", label: { en: "x" }, roles: [], stages: [] });
    const duplicate = await request(api.app).post("/api/reasons").set(admin).send({ code: "courier_late", label: { en: "a", ru: "б" }, roles: ["courier"], stages: [] });
    const recode = await request(api.app).put("/api/reasons/courier_late").set(admin).send({ code: "other" });
    const byStaff = await request(api.app).post("/api/reasons").set(await api.as("operator")).send({ code: "x", label: { en: "a", ru: "б" }, roles: ["operator"], stages: [] });
    // then
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.active, true);
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual(updated.body, { id: "courier_late", code: "courier_late", label: { en: "Courier too late", ru: "Курьер опоздал" }, roles: ["courier"], stages: ["handover"], active: true });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ["/code", "/label/ru", "/roles"]);
    assert.deepEqual([duplicate.status, recode.status, byStaff.status], [409, 422, 403]);
  });

  it("should retire a reason on DELETE without breaking the deals lost with it", async () => {
    // given a deal lost with customer_refused
    await request(api.app).post("/api/routes").set(admin).type("application/xml").send(REFERENCE).expect(201);
    const started = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("RETIRE-1")).expect(201);
    const [verify] = (await api.deal(started.body.id)).tasks!;
    await request(api.app).post(`/api/tasks/${verify!.id}/complete`).set(await api.as("operator")).send({ outcome: "failure", reason: "customer_refused" }).expect(200);
    for (const task of (await api.deal(started.body.id)).tasks!.filter((t) => t.status === "open")) {
      await request(api.app).post(`/api/tasks/${task.id}/complete`).set(await api.as(workerFor(task))).send({ outcome: "success", checklist: ticked(task) }).expect(200);
    }
    // when
    const retired = await request(api.app).delete("/api/reasons/customer_refused").set(admin);
    const still = await request(api.app).get("/api/reasons/customer_refused").set(await api.as("operator"));
    const next = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("RETIRE-2")).expect(201);
    const [nextVerify] = (await api.deal(next.body.id)).tasks!;
    const refused = await request(api.app).post(`/api/tasks/${nextVerify!.id}/complete`).set(await api.as("operator")).send({ outcome: "failure", reason: "customer_refused" });
    // then
    assert.equal(retired.status, 200);
    assert.equal(retired.body.active, false);
    assert.equal(still.body.active, false);
    const lost = await api.deal(started.body.id);
    assert.deepEqual([lost.outcome, lost.lostReason], ["lost", "customer_refused"]);
    assert.ok(lost.history!.some((h) => h.reason === "customer_refused"));
    assert.equal(refused.status, 422, "a retired reason cannot be given any more");
  });
});
