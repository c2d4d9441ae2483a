import { test } from "node:test";
import assert from "node:assert/strict";
import { startScheduler } from "./index.ts";

test("should call fireDue on its tick, report fired counts and errors, and stop calling after stop", async () => {
  // given
  let calls = 0;
  const fired: number[] = [];
  const errors: unknown[] = [];
  let reached: () => void;
  const twoTicks = new Promise<void>((resolve) => (reached = resolve));
  const timers = {
    async fireDue() {
      calls++;
      if (calls === 2) reached();
      if (calls === 1) throw new Error("database away");
      return 3;
    },
  };
  // when
  const scheduler = startScheduler(timers, { onFired: (n) => fired.push(n), onError: (e) => errors.push(e) });
  await twoTicks;
  await scheduler.stop();
  const callsAtStop = calls;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  // then
  assert.equal(calls, callsAtStop);
  assert.equal(errors.length, 1);
  assert.deepEqual(fired.slice(0, 1), [3]);
});
