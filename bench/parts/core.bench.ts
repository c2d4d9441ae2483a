/** Part (b): our pure core in memory, one `transition` per task completion; also the snapshot size. */
import type { Route } from "../../engine/core/route.ts";
import type { TransitionResult } from "../../engine/core/types.ts";
import { transition } from "../../engine/core/index.ts";
import { msSince, percentile, progress, type PartResult } from "../stats.ts";

/** Runs deals through the compiled five-task route for about `seconds`; `snapshotBytes` is measured at the first task. */
export function benchCore(route: Route, data: Record<string, unknown>, seconds: number): PartResult & { snapshotBytes: number } {
  const snapshotBytes = Buffer.byteLength(JSON.stringify(startDeal(route, data, new Date()).snapshot));
  for (let i = 0; i < 200; i++) runDeal(route, data, () => {}); // warm-up
  const latencies: number[] = [];
  let tasks = 0;
  let deals = 0;
  const start = process.hrtime.bigint();
  let told = 0;
  while (msSince(start) < seconds * 1000) {
    tasks += runDeal(route, data, (ms) => latencies.push(ms));
    deals++;
    if (msSince(start) - told > 2000) {
      told = msSince(start);
      progress(`core: ${deals} deals`);
    }
  }
  const elapsed = msSince(start) / 1000;
  return {
    name: "order-routes core (memory)",
    tasksPerSec: tasks / elapsed,
    p99Ms: percentile(latencies, 99),
    count: tasks,
    seconds: elapsed,
    note: `${deals} deals`,
    snapshotBytes,
  };
}

/** Starts a deal and completes every task it creates until it ends; returns the number of completions. */
function runDeal(route: Route, data: Record<string, unknown>, onTask: (ms: number) => void): number {
  const now = new Date();
  let { snapshot, effects } = startDeal(route, data, now);
  let completed = 0;
  for (;;) {
    const task = effects.find((e) => e.type === "task.create");
    if (!task || task.type !== "task.create") break;
    const at = process.hrtime.bigint();
    ({ snapshot, effects } = transition(route, snapshot, { type: "task.complete", token: task.token, outcome: "success" }, now, data));
    onTask(msSince(at));
    completed++;
  }
  if (snapshot.status !== "completed") throw new Error(`the bench deal ended ${snapshot.status} after ${completed} tasks, expected completed`);
  return completed;
}

function startDeal(route: Route, data: Record<string, unknown>, now: Date): TransitionResult {
  return transition(route, undefined, { type: "deal.start", data }, now, data);
}
