/**
 * recordCallEvent on a real database: the customer's deals found by phone however it is written, call events
 * logged once per deal, a deal waiting for `call.ended` continued, a recording without a number matched by
 * its call id, the latest ended deal when none runs.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CallEvent } from "../../../connectors/sdk/index.ts";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";
import { route } from "../../core/testing/route-builder.ts";
import { Entities, updateRows, type AuditRow, type DealRow } from "../../store/index.ts";
import { createContext, type RuntimeContext } from "../context.ts";
import type { Services } from "../contract.ts";
import { createServices } from "../index.ts";
import { callerOf, miniRoute, order, prepare } from "../testing/fixture.ts";
import { recordCallEvent } from "./record-call-event.ts";
import { callEventDeps } from "./telephony.service.ts";
import type { CallEventDeps } from "./types.ts";

/** start → wait for the message `call.ended` → review (operator) → won. */
function callbackRoute() {
  return route("callback")
    .stage("calling").stage("review").stage("done", "won")
    .start("start")
    .receive("await-call", "call.ended")
    .task("review", { role: "operator", stage: "review" })
    .end("won", { outcome: "won", stage: "done" })
    .chain("start", "await-call", "review")
    .flow("review", "won", { id: "review-ok", outcome: { kind: "success", label: "Done" } })
    .build();
}

describe("recordCallEvent", () => {
  let db: TestDatabase;
  let services: Services;
  let ctx: RuntimeContext;
  let clock = new Date("2026-05-01T10:00:00.000Z");
  const tick = () => (clock = new Date(clock.getTime() + 60_000));
  const delivered: [string, string, Record<string, unknown>][] = [];
  let deps: CallEventDeps;
  const call = (fields: Partial<CallEvent> & Pick<CallEvent, "event">): CallEvent => ({ callId: "in_1", direction: "incoming", customerPhone: "79001234567", ...fields });
  const audit = async (dealId: string) =>
    (await db.dataSource.getRepository<AuditRow>(Entities.Audit).find({ where: { dealId }, order: { id: "ASC" } })).filter((row) => row.action.startsWith("call."));
  const start = async (externalId: string, phone: string, routeKey?: string) => {
    tick();
    const { deal } = await services.deals.start(order(externalId, { customer: { name: `Customer ${externalId}`, phone, ageVerified: true } }), await callerOf(db.dataSource, "operator"), routeKey ? { route: routeKey } : undefined);
    return deal.id;
  };

  before(async () => {
    db = await openTestDatabase();
    await prepare(db.dataSource, [miniRoute(), callbackRoute()], clock);
    services = createServices(db.dataSource, { now: () => clock });
    ctx = createContext(db.dataSource, { now: () => clock });
    const real = callEventDeps(ctx);
    deps = { hub: real.hub, deliver: async (deal, name, payload) => (delivered.push([deal.id, name, payload]), real.deliver(deal, name, payload)) };
  });
  after(() => db.close());

  it("should keep the customer's phone in E.164 whatever way the order wrote it", async () => {
    // given / when
    const ids = [await start("PH-1", "8 (900) 123-45-67"), await start("PH-2", "+7 900 123 45 67")];
    // then
    const rows = await db.dataSource.getRepository<DealRow>(Entities.Deal).findBy(ids.map((id) => ({ id })));
    assert.deepEqual(rows.map((row) => row.customerPhone), ["+79001234567", "+79001234567"]);
  });

  it("should log a call on every running deal of the customer, found by phone in the PBX's format, once", async () => {
    // given two running deals of one customer (written differently) and one of another customer
    const mine = [await start("CALL-1", "+79001112233"), await start("CALL-2", "8 900 111-22-33")];
    const other = await start("CALL-3", "+79005556677");
    tick();
    // when the PBX reports the call's start twice (a webhook retried) and its end
    const started = call({ event: "started", callId: "in_2", customerPhone: "79001112233", at: "2026-05-01 13:00:00" });
    const first = await recordCallEvent(ctx, started, deps);
    await recordCallEvent(ctx, started, deps);
    await recordCallEvent(ctx, call({ event: "ended", callId: "in_2", customerPhone: "+7 900 111 22 33", operator: "101", durationSec: 42, disposition: "answered" }), deps);
    // then
    assert.deepEqual([...first.deals].sort(), [...mine].sort());
    for (const id of mine) {
      const rows = await audit(id);
      assert.deepEqual(rows.map((row) => row.action), ["call.started", "call.ended"], id);
      assert.deepEqual(rows[1]!.payload, { callId: "in_2", direction: "incoming", phone: "+79001112233", operator: "101", duration: 42, disposition: "answered", recordingUrl: null, at: null });
      assert.equal(rows[0]!.toStage, "new");
    }
    assert.deepEqual(await audit(other), []);
    assert.deepEqual(delivered.filter(([id]) => mine.includes(id)), [], "the mini route waits for no call message");
  });

  it("should continue a deal waiting for call.ended, once, with the call as the message payload", async () => {
    // given a deal waiting at the receive task, and a deal of the same customer on the mini route
    const waiting = await start("CB-1", "+79002223344", "callback");
    const busy = await start("CB-2", "+79002223344");
    assert.equal((await services.deals.get(waiting, await callerOf(db.dataSource, "admin"))).tasks!.length, 0);
    // when the call ends (reported twice)
    const ended = call({ event: "ended", callId: "out_7", direction: "outgoing", customerPhone: "+79002223344", operator: "101", durationSec: 12, disposition: "answered" });
    await recordCallEvent(ctx, ended, deps);
    await recordCallEvent(ctx, ended, deps);
    // then the waiting deal went on to its review task, and only it got the message
    const deal = await services.deals.get(waiting, await callerOf(db.dataSource, "admin"));
    assert.deepEqual(deal.tasks!.map((task) => [task.element, task.status]), [["review", "open"]]);
    assert.equal(deal.stage, "review");
    assert.deepEqual(delivered.filter(([id]) => id === waiting || id === busy).map(([id, name, payload]) => [id, name, payload.disposition]), [[waiting, "call.ended", "answered"]]);
    assert.deepEqual(deal.audit!.filter((row) => row.action.startsWith("call.") || row.action.startsWith("deal.message")).map((row) => row.action), ["deal.message.received", "call.ended"]);
    assert.deepEqual((await audit(busy)).map((row) => row.action), ["call.ended"]);
  });

  it("should log a recording that names no number on the deals its call was logged on", async () => {
    // given a call logged on a customer's deal
    const id = await start("REC-1", "+79003334455");
    await recordCallEvent(ctx, call({ event: "started", callId: "in_rec", customerPhone: "+79003334455" }), deps);
    // when the recording notice arrives without the customer's number
    const result = await recordCallEvent(ctx, { callId: "in_rec", event: "recording", direction: "outgoing", customerPhone: "", recordingUrl: "https://pbx.example/rec/1" }, deps);
    // then
    assert.deepEqual(result.deals, [id]);
    const [, recording] = await audit(id);
    assert.equal(recording!.action, "call.recording");
    assert.deepEqual(recording!.payload, { callId: "in_rec", direction: "incoming", phone: "+79003334455", operator: null, duration: null, disposition: null, recordingUrl: "https://pbx.example/rec/1", at: null });
  });

  it("should log on the latest ended deal when the customer has none running, and nowhere for an unknown number", async () => {
    // given two ended deals of one customer
    const older = await start("END-1", "+79004445566");
    const latest = await start("END-2", "+79004445566");
    for (const id of [older, latest]) await updateRows<DealRow>(db.dataSource.manager, Entities.Deal, { id }, { status: "completed", outcome: "won" });
    // when
    const result = await recordCallEvent(ctx, call({ event: "started", callId: "in_end", customerPhone: "89004445566" }), deps);
    const unknown = await recordCallEvent(ctx, call({ event: "started", callId: "in_unknown", customerPhone: "+79990001122" }), deps);
    // then
    assert.deepEqual(result.deals, [latest]);
    assert.deepEqual((await audit(latest)).map((row) => row.action), ["call.started"]);
    assert.deepEqual(await audit(older), []);
    assert.deepEqual(unknown.deals, []);
  });
});
