import { test } from "node:test";
import assert from "node:assert/strict";
import type { Snapshot } from "../core/types.ts";
import { route as buildRoute } from "../core/testing/route-builder.ts";
import { runScenario, waitingElements } from "./scenario.ts";
import type { Step } from "./expectations.ts";

/** start → task `a` (non-interrupting PT1M timer `b` → end `late`) → end `done`. */
const route = buildRoute("main")
  .start("start")
  .task("a")
  .boundary("b", "a", { kind: "timer", timer: { kind: "duration", expression: "PT1M" } }, false)
  .end("done")
  .end("late")
  .chain("start", "a", "done")
  .flow("b", "late")
  .build();

test("should pass a scenario whose checks hold, seeing which end events were reached", () => {
  // given
  const steps: Step[] = [
    { do: "check", expect: { status: "running", waits: ["a"], ends: [] } },
    { do: "fire", element: "b" },
    { do: "check", expect: { status: "running", waits: ["a"], ends: ["late"] } },
    { do: "complete", element: "a" },
    { do: "check", expect: { status: "completed", waits: [], tasks: { a: 1 }, ends: ["late", "done"] } },
  ];
  // when
  const result = runScenario(route, { name: "s", steps });
  // then
  assert.deepEqual(result, { ok: true });
});

test("should fail with the step and the difference when a check does not hold", () => {
  // given
  const steps: Step[] = [{ do: "check", expect: { waits: ["x"] } }];
  // when
  const result = runScenario(route, { name: "s", steps });
  // then
  assert.equal(result.ok, false);
  assert.match(result.detail!, /step 1 \(check\): waits at \[a\], expected \[x\]/);
});

test("should fail, not throw, when a step finds nothing to act on", () => {
  // given
  const steps: Step[] = [{ do: "complete", element: "a" }, { do: "complete", element: "a" }];
  // when
  const result = runScenario(route, { name: "s", steps });
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
