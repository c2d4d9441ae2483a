/**
 * Reusable task templates over HTTP: the /api/task-templates catalogue (422 with pointers, DELETE retires),
 * a route whose verify task references a stored template, edits seen by the next task only, and publishing
 * refused for an unknown or retired template.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { openApi, order, type ApiHarness } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");
const VERIFY = /<or:task stage="new">\s*<or:taskTemplate title="Verify order[\s\S]*?<\/or:task>/;

/** The reference route with its verify task referencing the stored template `ref` (no inline template). */
function referencing(ref: string): string {
  const xml = REFERENCE.replace(VERIFY, `<or:task stage="new" template="${ref}" />`);
  assert.notEqual(xml, REFERENCE, "the verify task of the reference route was found");
  return xml;
}

const VERIFY_CALL = {
  id: "verify-call",
  title: "Call {{customer.name}} about {{externalId}}",
  description: "Phone {{customer.phone}}.",
  checklist: [{ id: "called", label: "Customer called", required: true }, { id: "noted", label: "Notes taken" }],
  deadline: "PT2H",
  observers: ["manager"],
  priority: 2,
};

describe("task templates", () => {
  let api: ApiHarness;
  let admin: { Authorization: string };
  before(async () => {
    api = await openApi();
    admin = await api.as("admin");
  });
  after(() => api.close());

  it("should create, read, list, update and retire a template", async () => {
    // when
    const created = await request(api.app).post("/api/task-templates").set(admin).send({ ...VERIFY_CALL, id: "crud" });
    const updated = await request(api.app).put("/api/task-templates/crud").set(admin).send({ ...created.body, title: "Changed", deferral: "PT5M" });
    const list = await request(api.app).get("/api/task-templates").query({ range: "[0,99]", filter: JSON.stringify({ id: "crud" }) }).set(admin);
    const retired = await request(api.app).delete("/api/task-templates/crud").set(admin);
    const read = await request(api.app).get("/api/task-templates/crud").set(admin);
    // then
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.location, "/api/task-templates/crud");
    assert.deepEqual(created.body.checklist[1], { id: "noted", label: "Notes taken", required: false });
    assert.equal(created.body.active, true);
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.title, updated.body.deferral, updated.body.deadline], ["Changed", "PT5M", "PT2H"]);
    assert.match(list.headers["content-range"], /^task-templates 0-0\/1$/);
    assert.deepEqual([retired.status, retired.body.active], [200, false]);
    assert.deepEqual([read.body.title, read.body.active], ["Changed", false]);
  });

  it("should answer 422 with pointers, 409 on a taken id, 404 for an unknown one, 403 to non-admins", async () => {
    // given
    await request(api.app).post("/api/task-templates").set(admin).send({ ...VERIFY_CALL, id: "taken" }).expect(201);
    // when
    const invalid = await request(api.app).post("/api/task-templates").set(admin).send({ id: "bad id", title: "", deadline: "soon", checklist: [{ id: "x" }], colour: "red" });
    const renamed = await request(api.app).put("/api/task-templates/taken").set(admin).send({ id: "other" });
    const taken = await request(api.app).post("/api/task-templates").set(admin).send({ ...VERIFY_CALL, id: "taken" });
    const unknown = await request(api.app).get("/api/task-templates/nothing").set(admin);
    const staff = await request(api.app).post("/api/task-templates").set(await api.as("operator")).send({ ...VERIFY_CALL, id: "staff" });
    // then
    assert.equal(invalid.status, 422);
    const pointers = [...new Set(invalid.body.errors.map((e: { pointer: string }) => e.pointer))].sort();
    assert.deepEqual(pointers, ["/checklist/0/label", "/colour", "/deadline", "/id", "/title"]);
    assert.deepEqual([renamed.status, renamed.body.errors[0].pointer], [422, "/id"]);
    assert.deepEqual([taken.status, taken.body.errors[0].pointer], [409, "/id"]);
    assert.equal(unknown.status, 404);
    assert.equal(staff.status, 403);
  });

  it("should create tasks with the stored template's title, checklist and deadline, and an edit changes only the next task", async () => {
    // given
    await request(api.app).post("/api/task-templates").set(admin).send(VERIFY_CALL).expect(201);
    await request(api.app).post("/api/routes").set(admin).type("application/xml").send(referencing("verify-call")).expect(201);
    const first = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("TPL-1")).expect(201);
    // when
    await request(api.app).put("/api/task-templates/verify-call").set(admin).send({ title: "Ring {{customer.name}}" }).expect(200);
    const second = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order("TPL-2")).expect(201);
    // then
    const [before] = (await api.deal(first.body.id)).tasks!;
    const [afterEdit] = (await api.deal(second.body.id)).tasks!;
    assert.equal(before!.title, "Call Anna about TPL-1");
    assert.deepEqual(before!.checklist, [{ id: "called", label: "Customer called", required: true, done: false }, { id: "noted", label: "Notes taken", required: false, done: false }]);
    assert.equal(Date.parse(before!.dueAt!) - Date.parse(before!.createdAt), 2 * 3600_000);
    assert.equal(afterEdit!.title, "Ring Anna");
  });

  it("should refuse to publish a route referencing an unknown or a retired template, naming the task", async () => {
    // given
    await request(api.app).post("/api/task-templates").set(admin).send({ ...VERIFY_CALL, id: "old-call" }).expect(201);
    await request(api.app).delete("/api/task-templates/old-call").set(admin).expect(200);
    // when
    const unknown = await request(api.app).post("/api/routes").set(admin).type("application/xml").send(referencing("no-such-template"));
    const retired = await request(api.app).post("/api/routes").set(admin).type("application/xml").send(referencing("old-call"));
    // then
    assert.equal(unknown.status, 422, unknown.text);
    assert.equal(unknown.body.errors[0].element, "Task_verify");
    assert.match(unknown.body.errors[0].message, /"no-such-template" .* does not exist/);
    assert.equal(retired.status, 422, retired.text);
    assert.match(retired.body.errors[0].message, /"old-call" .* is retired/);
  });
});
