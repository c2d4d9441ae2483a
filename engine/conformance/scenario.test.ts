import { test } from "node:test";
import assert from "node:assert/strict";
import type { Route } from "../core/route.ts";
import type { EngineEvent, Snapshot, TransitionResult } from "../core/types.ts";
import { runScenario, waitingElements, type TransitionFn } from "./scenario.ts";

/** A stand-in core: start → task `a` with a timer on `b`; firing `b` adds nothing; completing `a` completes the deal. */
const fakeTransition: TransitionFn = (_route, snapshot, event: EngineEvent, now): TransitionResult => {
  if (event.type === "deal.start") {
    return {
      snapshot: { status: "running", tokens: [{ id: "t1", el: "a" }], seq: 1 },
      effects: [
        { type: "task.create", token: "t1", element: "a", context: {}, outcomes: [] },
        { type: "timer.schedule", token: "t1", timer: "b", element: "b", dueAt: new Date(now.getTime() + 60_000).toISOString() },
      ],
    };
  }
  if (event.type === "timer.fire") return { snapshot: snapshot!, effects: [] };
  if (event.type === "task.complete" && event.token === "t1") {
    return { snapshot: { status: "completed", tokens: [], seq: 1 }, effects: [{ type: "timer.cancel", token: "t1", timer: "b" }] };
  }
  throw new Error(`unexpected ${event.type}`);
};
const route = {} as Route;

test("should pass a scenario whose checks hold", () => {
  // given
  const steps = [
    { do: "check" as const, expect: { status: "running" as const, waits: ["a"] } },
    { do: "fire" as const, element: "b" },
    { do: "complete" as const, element: "a" },
    { do: "check" as const, expect: { status: "completed" as const, waits: [], tasks: { a: 1 } } },
  ];
  // when
  const result = runScenario(route, { name: "s", steps }, fakeTransition);
  // then
  assert.deepEqual(result, { ok: true });
});

test("should fail with the step and the difference when a check does not hold", () => {
  // given
  const steps = [{ do: "check" as const, expect: { waits: ["x"] } }];
  // when
  const result = runScenario(route, { name: "s", steps }, fakeTransition);
  // then
  assert.equal(result.ok, false);
  assert.match(result.detail!, /step 1 \(check\): waits at \[a\], expected \[x\]/);
});

test("should fail, not throw, when a step finds nothing to act on", () => {
  // given
  const steps = [{ do: "complete" as const, element: "a" }, { do: "complete" as const, element: "a" }];
  // when
  const result = runScenario(route, { name: "s", steps }, fakeTransition);
  // then
  assert.equal(result.ok, false);
  assert.match(result.detail!, /step 2 \(complete a\): no open task at a/);
});

test("should leave scope tokens out of the waiting elements", () => {
  // given
  const snapshot: Snapshot = { status: "running", seq: 3, tokens: [{ id: "s", el: "sub" }, { id: "t", el: "task", parent: "s" }] };
  // when
  const waits = waitingElements(snapshot);
  // then
  assert.deepEqual(waits, ["task"]);
});
