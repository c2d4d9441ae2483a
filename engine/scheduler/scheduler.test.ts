import { test } from "node:test";
import assert from "node:assert/strict";
import { startOutboxDispatcher, startScheduler } from "./index.ts";

/** A promise with its resolve function outside. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test("should call fireDue on its tick, report fired counts and errors, and stop calling after stop", async () => {
  // given: the first tick fails, the second fires 3 and then finds nothing more due
  let calls = 0;
  const fired: number[] = [];
  const errors: unknown[] = [];
  const drained = deferred();
  const timers = {
    async fireDue() {
      calls++;
      if (calls === 1) throw new Error("database away");
      if (calls === 2) return 3;
      drained.resolve();
      return 0;
    },
  };
  // when
  const scheduler = startScheduler(timers, { onFired: (n) => fired.push(n), onError: (e) => errors.push(e) });
  await drained.promise;
  await scheduler.stop();
  const callsAtStop = calls;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  // then
  assert.equal(calls, callsAtStop);
  assert.equal(errors.length, 1);
  assert.deepEqual(fired, [3]);
});

test("should keep calling fireDue within one tick while timers fire, until nothing is due", async () => {
  // given: a backlog fired in three calls, then nothing
  const results = [100, 100, 7, 0];
  const calls: number[] = [];
  const fired: number[] = [];
  const drained = deferred();
  const timers = {
    async fireDue() {
      const next = results[calls.length] ?? 0;
      calls.push(next);
      if (calls.length === results.length) drained.resolve();
      return next;
    },
  };
  // when
  const scheduler = startScheduler(timers, { onFired: (n) => fired.push(n) });
  await drained.promise;
  await scheduler.stop();
  // then: one drain reported the whole backlog at once (not one tick per call)
  assert.deepEqual(calls.slice(0, 4), [100, 100, 7, 0]);
  assert.deepEqual(fired, [207]);
});

test("should resolve stop only after the running tick has ended", async () => {
  // given: a tick blocked inside fireDue
  const entered = deferred();
  const release = deferred<number>();
  const timers = {
    async fireDue() {
      entered.resolve();
      return release.promise;
    },
  };
  const scheduler = startScheduler(timers);
  await entered.promise;
  // when
  let stopped = false;
  const stopping = scheduler.stop().then(() => (stopped = true));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const stoppedWhileRunning = stopped;
  release.resolve(0);
  await stopping;
  // then
  assert.equal(stoppedWhileRunning, false);
  assert.equal(stopped, true);
});

test("should run the outbox dispatcher at once when kicked, without waiting for its tick", async () => {
  // given a dispatcher whose heartbeat beats once a year
  let kick = deferred();
  const dispatched = deferred();
  let calls = 0;
  const outbox = {
    async dispatchDue() {
      calls++;
      dispatched.resolve();
      return 0;
    },
    kicked: () => kick.promise,
  };
  const dispatcher = startOutboxDispatcher(outbox, { expression: "0 0 1 1 *" });
  const before = calls;
  // when (a kick resolves the pending promise; the next call waits for the next kick)
  const pending = kick;
  kick = deferred();
  pending.resolve();
  await dispatched.promise;
  await dispatcher.stop();
  // then
  assert.deepEqual([before, calls], [0, 1]);
});
