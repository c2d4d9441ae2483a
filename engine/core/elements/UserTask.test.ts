import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { route } from "../testing/route-builder.ts";
import { DealDriver, NOW } from "../testing/driver.ts";
import { engineErrorCode as code } from "../testing/assert-code.ts";
import { transition } from "../transition.ts";

const fail = { kind: "failure", label: "Failed" } as const;

/** verify (operator, stage new) → success → report (stage report) → won; failure → disband → lost. */
function reference() {
  return route("demo")
    .stage("new").stage("report").stage("disbanding").stage("won", "won").stage("lost", "lost")
    .start("s")
    .task("verify", { role: "operator", stage: "new", failureAllowed: true })
    .task("report", { role: "store_admin", stage: "report" })
    .task("disband", { role: "store_admin", stage: "disbanding" })
    .end("won", { outcome: "won" })
    .end("lost", { outcome: "lost" })
    .flow("s", "verify")
    .flow("verify", "report", { id: "ok", outcome: { kind: "success", label: "Verified", color: "green" } })
    .flow("verify", "disband", { id: "ko", outcome: fail })
    .flow("verify", "won", { id: "skip", outcome: { kind: "custom", label: "Skip to the end" } })
    .chain("report", "won")
    .chain("disband", "lost")
    .build();
}

describe("user task", () => {
  it("should create the task with its role, stage, outcomes and enter its stage", () => {
    // given
    const deal = new DealDriver(reference(), { total: 10 });
    // when
    const effects = deal.start();
    // then
    assert.deepEqual(effects.map((e) => e.type), ["stage.change", "task.create"]);
    assert.deepEqual(effects[0], { type: "stage.change", to: "new", kind: "open", at: NOW.toISOString() });
    assert.deepEqual(effects[1], {
      type: "task.create", token: deal.task("verify").id, element: "verify", role: "operator", stage: "new", context: {},
      outcomes: [
        { flow: "ok", kind: "success", label: "Verified", color: "green" },
        { flow: "ko", kind: "failure", label: "Failed" },
        { flow: "skip", kind: "custom", label: "Skip to the end" },
      ],
    });
    assert.equal(deal.snapshot?.stage, "new");
  });

  it("should keep the snapshot of a deal waiting at one task within 1 KB, without route or order data", () => {
    // given
    const data = { customer: { name: "Anna", phone: "+79990000000" }, items: Array.from({ length: 50 }, (_, i) => ({ sku: `sku-${i}` })) };
    const deal = new DealDriver(reference(), data);
    // when
    deal.start();
    // then
    const json = JSON.stringify(deal.snapshot);
    assert.ok(json.length <= 1024, `snapshot is ${json.length} bytes`);
    assert.ok(!json.includes("Anna") && !json.includes("sku-1"), json);
  });

  it("should go to the next stage on success and win at the won end event", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    // when
    deal.complete("verify");
    // then
    assert.deepEqual(deal.of("stage.change").map((e) => [e.from, e.to]), [["new", "report"]]);
    // when
    deal.complete("report");
    // then
    assert.deepEqual(deal.of("stage.change").map((e) => [e.from, e.to, e.kind]), [["report", "won", "won"]]);
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "completed", outcome: "won" }]);
    assert.equal(deal.snapshot?.status, "completed");
    assert.deepEqual(deal.snapshot?.tokens, []);
  });

  it("should record a failure with reason, role, user and stage, and carry it to the lost stage and deal.end", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    // when
    deal.complete("verify", "failure", { reason: "customer_refused", user: "u1" });
    deal.complete("disband");
    // then
    const failure = { reason: "customer_refused", role: "operator", user: "u1", task: "verify", stage: "new", at: NOW.toISOString() };
    assert.deepEqual(deal.snapshot?.failure, failure);
    assert.deepEqual(deal.of("stage.change"), [{ type: "stage.change", from: "disbanding", to: "lost", kind: "lost", at: NOW.toISOString(), failure }]);
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "completed", outcome: "lost", failure }]);
  });

  it("should refuse a second completion of the same task with not_waiting", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    const token = deal.task("verify").id;
    const before = deal.snapshot;
    deal.complete("verify");
    // when / then
    assert.equal(code(() => deal.send({ type: "task.complete", token, outcome: "success" })), "not_waiting");
    assert.equal(code(() => transition(reference(), before, { type: "task.complete", token: "t99", outcome: "success" }, NOW)), "not_waiting");
  });

  it("should require a reason to fail", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    // when / then
    assert.equal(code(() => deal.complete("verify", "failure")), "reason_required");
    assert.equal(code(() => deal.complete("verify", "failure", { reason: "  " })), "reason_required");
  });

  it("should refuse failure on a task that cannot fail or has no failure flow", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    deal.complete("verify");
    // when / then
    assert.equal(code(() => deal.complete("report", "failure", { reason: "x" })), "failure_not_allowed");
  });

  it("should accept a success or failure button by its flow id, with the rules of its kind", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    // when / then
    assert.equal(code(() => deal.complete("verify", "ko")), "reason_required");
    deal.complete("verify", "ok");
    assert.deepEqual(deal.waiting(), ["report"]);
  });

  it("should leave along a custom outcome flow and refuse an unknown outcome", () => {
    // given
    const deal = new DealDriver(reference());
    deal.start();
    // when / then
    assert.equal(code(() => deal.complete("verify", "nope")), "invalid_outcome");
    deal.complete("verify", "skip");
    assert.deepEqual(deal.of("deal.end"), [{ type: "deal.end", status: "completed", outcome: "won" }]);
  });

  it("should merge the output into the variables and honour conditions on success flows", () => {
    // given
    const r = route()
      .start("s").task("check").task("big").task("small").end("e")
      .flow("s", "check")
      .flow("check", "big", { condition: "= amount > 100" })
      .flow("check", "small", { condition: "= amount <= 100" })
      .chain("big", "e").chain("small", "e")
      .build();
    const deal = new DealDriver(r);
    deal.start();
    // when
    deal.complete("check", "success", { output: { amount: 150 } });
    // then
    assert.deepEqual(deal.waiting(), ["big"]);
    assert.deepEqual(deal.snapshot?.vars, { amount: 150 });
    assert.deepEqual(deal.of("task.create")[0].context, { amount: 150 });
  });

  it("should not mutate the route, snapshot, event or data it is given", () => {
    // given
    const r = reference();
    const first = transition(r, undefined, { type: "deal.start", data: { a: 1 } }, NOW);
    const frozen = JSON.stringify({ r, s: first.snapshot });
    // when
    const token = first.snapshot.tokens[0].id;
    const event = { type: "task.complete" as const, token, outcome: "failure", reason: "x", output: { o: 1 } };
    const second = transition(r, first.snapshot, event, NOW, { a: 1 });
    // then
    assert.equal(JSON.stringify({ r, s: first.snapshot }), frozen);
    assert.deepEqual(event, { type: "task.complete", token, outcome: "failure", reason: "x", output: { o: 1 } });
    assert.notEqual(second.snapshot, first.snapshot);
    assert.equal(first.snapshot.failure, undefined);
  });

  it("should treat a manual task like a user task", () => {
    // given
    const r = route().start("s").task("m", { manual: true }).end("e").chain("s", "m", "e").build();
    const deal = new DealDriver(r);
    // when
    deal.start();
    deal.complete("m");
    // then
    assert.equal(deal.snapshot?.status, "completed");
  });
});
