/**
 * Claim, release and reassign over HTTP as the demo users: one holder at a time (409 for the others, also
 * on completion), the team's manager reassigns to eligible members only, and every change is audited.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import type { TaskView } from "../../engine/runtime/contract.ts";
import { openApi, order, type ApiHarness, ticked } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

describe("claiming tasks", () => {
  let api: ApiHarness;
  let ids: Record<string, string>;

  before(async () => {
    api = await openApi();
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE).expect(201);
    const users = await request(api.app).get("/api/users").query({ range: "[0,99]" }).set(await api.as("admin")).expect(200);
    ids = Object.fromEntries((users.body as { login: string; id: string }[]).map((user) => [user.login, user.id]));
  });
  after(() => api.close());

  it("should let an eligible user claim a pool task and refuse it to the next one with 409", async () => {
    // given
    const task = await storeTask("CLAIM-1");
    // when
    const claimed = await post(task, "claim", "store-a");
    const again = await post(task, "claim", "store-a");
    const other = await post(task, "claim", "admin");
    // then
    assert.equal(claimed.status, 200, claimed.text);
    assert.equal(claimed.body.assignee, ids["store-a"]);
    assert.equal(again.status, 200, "claiming one's own task again changes nothing");
    assert.equal(other.status, 409);
    assert.equal(await auditCount(task, "task.claimed"), 1);
  });

  it("should answer 409 when completing a task held by someone else, and change nothing", async () => {
    // given
    const task = await storeTask("CLAIM-2");
    await done(task, "claim", "admin");
    // when
    const res = await post(task, "complete", "store-a", { outcome: "success" });
    // then
    assert.equal(res.status, 409, res.text);
    const after = (await api.deal(task.dealId)).tasks!.find((t) => t.id === task.id)!;
    assert.equal(after.status, "open");
    assert.equal(after.assignee, ids.admin);
  });

  it("should release a claimed task back to its pool, audited, and refuse a release by someone else", async () => {
    // given
    const task = await storeTask("CLAIM-3");
    await done(task, "claim", "store-a");
    // when
    const stranger = await post(task, "release", "store-b");
    const released = await post(task, "release", "store-a");
    // then
    assert.equal(stranger.status, 403);
    assert.equal(released.status, 200, released.text);
    assert.equal(released.body.assignee, null);
    const audit = (await api.deal(task.dealId)).audit!.find((a) => a.action === "task.released")!;
    assert.equal(audit.actor, "store-a");
    assert.deepEqual(audit.payload, { task: task.id, user: ids["store-a"] });
  });

  it("should let the team's manager reassign to an eligible member, audited with from and to", async () => {
    // given
    const task = await storeTask("CLAIM-4");
    await done(task, "claim", "admin");
    // when
    const wrongStore = await post(task, "reassign", "manager", { user: "store-b" });
    const byStaff = await post(task, "reassign", "store-a", { user: "store-a" });
    const reassigned = await post(task, "reassign", "manager", { user: "store-a" });
    // then
    assert.equal(wrongStore.status, 422);
    assert.equal(wrongStore.body.errors[0].pointer, "/user");
    assert.equal(byStaff.status, 403);
    assert.equal(reassigned.status, 200, reassigned.text);
    assert.equal(reassigned.body.assignee, ids["store-a"]);
    const audit = (await api.deal(task.dealId)).audit!.find((a) => a.action === "task.reassigned")!;
    assert.equal(audit.actor, "manager");
    assert.deepEqual(audit.payload, { task: task.id, from: ids.admin, to: ids["store-a"] });
    for (const login of ["store-a", "admin"]) {
      const told = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ taskId: task.id, kind: "task.reassigned" }) }).set(await api.as(login));
      assert.equal(told.body.length, 1, `${login} (new and previous holder) is told: ${told.text}`);
    }
    const completed = await post(task, "complete", "store-a", { outcome: "success", checklist: ticked(task) });
    assert.equal(completed.status, 200, completed.text);
  });

  it("should refuse to claim a task that is no longer open with 409", async () => {
    // given
    const task = await storeTask("CLAIM-5");
    await done(task, "complete", "store-a", { outcome: "success", checklist: ticked(task) });
    // when
    const res = await post(task, "claim", "store-a");
    // then
    assert.equal(res.status, 409);
  });

  async function post(task: TaskView, action: string, login: string, body: object = {}): Promise<request.Response> {
    return request(api.app).post(`/api/tasks/${task.id}/${action}`).set(await api.as(login)).send(body);
  }

  async function done(task: TaskView, action: string, login: string, body: object = {}): Promise<void> {
    const res = await post(task, action, login, body);
    assert.equal(res.status, 200, res.text);
  }

  async function storeTask(externalId: string): Promise<TaskView> {
    const started = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order(externalId)).expect(201);
    const [verify] = (await api.deal(started.body.id)).tasks!.filter((t) => t.status === "open");
    await request(api.app).post(`/api/tasks/${verify!.id}/complete`).set(await api.as("operator")).send({ outcome: "success", checklist: ["reached"] }).expect(200);
    return (await api.deal(started.body.id)).tasks!.find((t) => t.status === "open" && t.role === "store_admin")!;
  }

  async function auditCount(task: TaskView, action: string): Promise<number> {
    return (await api.deal(task.dealId)).audit!.filter((a) => a.action === action && a.actor !== null).length;
  }
});
