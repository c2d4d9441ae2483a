/** Parts (c) and (d): our runtime on a database: start deals, then complete their tasks through TasksService. */
import type { DataSource } from "typeorm";
import type { Caller, DealView, Services, TaskView } from "../../engine/runtime/contract.ts";
import { createServices, seedReasons } from "../../engine/runtime/index.ts";
import { createDataSource, migrate } from "../../engine/store/index.ts";
import { msSince, percentile, progress, type PartResult } from "../stats.ts";
import { benchOrder } from "./order.ts";

/** How to run the part. */
export interface RuntimeBenchOptions {
  name: string;
  url: string;
  /** Deals worked on at the same time (and connections in the pool). */
  inFlight: number;
  /** Upper bound of the deal-starting phase and of the completing phase, each. */
  seconds: number;
  /** Called with the open data source before it closes (profiling). */
  inspect?: (ds: DataSource, services: Services, deal: () => Promise<OpenDeal>) => Promise<void>;
}

/** A started deal and its open task. */
export interface OpenDeal {
  deal: DealView;
  task: Pick<TaskView, "id">;
}

/** A migrated database with the five-task route published, ready for rounds. */
export interface RuntimeBench {
  ds: DataSource;
  services: Services;
  name: string;
  inFlight: number;
  startDeal(): Promise<OpenDeal>;
  close(): Promise<void>;
}

/** One round: the completions timed and what the round did. */
export interface RuntimeRound {
  tasksPerSec: number;
  latencies: number[];
  seconds: number;
  won: number;
  started: number;
  startRate: number;
  startP99Ms: number | undefined;
}

const admin: Caller = { userId: "bench-admin", login: "bench-admin", roles: ["admin"] };
const operator: Caller = { userId: "bench-operator", login: "bench-operator", roles: ["operator"] };

/** Runs one round on a fresh database and reports it as a part (the SQLite part). */
export async function benchRuntime(xml: string, options: RuntimeBenchOptions): Promise<PartResult> {
  const bench = await openRuntimeBench(xml, options.name, options.url, options.inFlight);
  try {
    const round = await runtimeRound(bench, options.seconds);
    await options.inspect?.(bench.ds, bench.services, bench.startDeal);
    return {
      name: options.name,
      tasksPerSec: round.tasksPerSec,
      p50Ms: percentile(round.latencies, 50),
      p99Ms: percentile(round.latencies, 99),
      count: round.latencies.length,
      seconds: round.seconds,
      note: `${options.inFlight} in flight; ${round.won} deals won; ${round.started} started before at ${Math.round(round.startRate)}/s (p99 ${round.startP99Ms?.toFixed(1)} ms)`,
    };
  } finally {
    await bench.close();
  }
}

/** Opens and migrates the database at `url` (pool of `inFlight`) and publishes the route. */
export async function openRuntimeBench(xml: string, name: string, url: string, inFlight: number): Promise<RuntimeBench> {
  const ds = await createDataSource(url, { poolSize: inFlight });
  await migrate(ds);
  await seedReasons(ds);
  const services = createServices(ds);
  const version = await services.routes.publish(xml, admin);
  let seq = 0;
  const startDeal = async (): Promise<OpenDeal> => {
    const { deal } = await services.deals.start(benchOrder(`${process.pid}-${Date.now()}-${++seq}`), admin, { route: version.key });
    return { deal, task: await openTask(ds, deal) };
  };
  return { ds, services, name, inFlight, startDeal, close: () => ds.destroy() };
}

/** Starts deals for up to `seconds` (untimed), then completes their tasks `inFlight` at a time for up to `seconds`. */
export async function runtimeRound(bench: RuntimeBench, seconds: number): Promise<RuntimeRound> {
  const starts: number[] = [];
  const queue: OpenDeal[] = [];
  const phase1 = process.hrtime.bigint();
  await workers(bench.inFlight, seconds, async () => {
    const at = process.hrtime.bigint();
    queue.push(await bench.startDeal());
    starts.push(msSince(at));
  }, (n) => progress(`${bench.name}: ${n} deals started`));
  const startRate = starts.length / (msSince(phase1) / 1000);
  const latencies: number[] = [];
  const begin = process.hrtime.bigint();
  let won = 0;
  await workers(bench.inFlight, seconds, async () => {
    const item = queue.pop();
    if (!item) return false;
    let task: Pick<TaskView, "id"> | undefined = item.task;
    while (task) {
      const at = process.hrtime.bigint();
      const { deal, next } = await bench.services.tasks.complete(task.id, { outcome: "success" }, operator);
      latencies.push(msSince(at));
      task = next[0] ?? (deal.status === "running" ? await openTask(bench.ds, deal) : undefined);
      if (deal.status === "completed") won++;
    }
    return true;
  }, () => progress(`${bench.name}: ${latencies.length} tasks completed`));
  const elapsed = msSince(begin) / 1000;
  return { tasksPerSec: latencies.length / elapsed, latencies, seconds: elapsed, won, started: starts.length, startRate, startP99Ms: percentile(starts, 99) };
}

/**
 * The deal's open task (only its id is used): from the deal view when it lists tasks, else one light
 * lookup by primary columns (TasksService.list would add a count query and access filters to every step).
 */
export async function openTask(ds: DataSource, deal: DealView): Promise<Pick<TaskView, "id">> {
  const listed = deal.tasks?.find((t) => t.status === "open");
  if (listed) return listed;
  const row = await ds.getRepository<{ id: string; dealId: string; status: string }>("Task").findOne({
    where: { dealId: deal.id, status: "open" },
    select: { id: true },
  });
  if (!row) throw new Error(`deal ${deal.id} (${deal.status}) has no open task`);
  return row;
}

/**
 * Runs `n` workers calling `work` until `seconds` pass or `work` returns false; `tick` is called every 2 s
 * with the number of calls so far. The first error stops every worker and is thrown.
 */
async function workers(n: number, seconds: number, work: () => Promise<unknown>, tick: (calls: number) => void): Promise<void> {
  const start = process.hrtime.bigint();
  let calls = 0;
  let failed: unknown;
  const timer = setInterval(() => tick(calls), 2000);
  try {
    await Promise.all(
      Array.from({ length: n }, async () => {
        while (failed === undefined && msSince(start) < seconds * 1000) {
          try {
            if ((await work()) === false) return;
            calls++;
          } catch (error) {
            failed ??= error;
          }
        }
      }),
    );
  } finally {
    clearInterval(timer);
  }
  if (failed !== undefined) throw failed;
}
