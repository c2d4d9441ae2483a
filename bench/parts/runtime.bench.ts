/** Parts (c) and (d): our runtime on a database: start deals, then complete their tasks through TasksService. */
import type { DataSource } from "typeorm";
import type { Caller, DealView, Services, TaskView } from "../../engine/runtime/contract.ts";
import { msSince, percentile, progress, type PartResult } from "../stats.ts";
import { benchOrder } from "./order.ts";

/** What the bench uses from engine/store and engine/runtime. */
export interface RuntimeApi {
  createDataSource(url: string, settings?: { poolSize?: number; logging?: boolean }): Promise<DataSource>;
  migrate(ds: DataSource): Promise<unknown>;
  createServices(ds: DataSource, options?: { now?: () => Date }): Services;
  seedReasons?: (ds: DataSource) => Promise<unknown>;
}

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

const admin: Caller = { userId: "bench-admin", login: "bench-admin", roles: ["admin"] };
const operator: Caller = { userId: "bench-operator", login: "bench-operator", roles: ["operator"] };

/** Publishes the five-task route, starts deals, completes their tasks `inFlight` at a time; times each completion. */
export async function benchRuntime(api: RuntimeApi, xml: string, options: RuntimeBenchOptions): Promise<PartResult> {
  const ds = await api.createDataSource(options.url, { poolSize: options.inFlight });
  try {
    await api.migrate(ds);
    await api.seedReasons?.(ds);
    const services = api.createServices(ds);
    const version = await services.routes.publish(xml, admin);
    let seq = 0;
    const startOne = async (): Promise<OpenDeal> => {
      const { deal } = await services.deals.start(benchOrder(`${process.pid}-${Date.now()}-${++seq}`), admin, { route: version.key });
      return { deal, task: await openTask(ds, deal) };
    };
    // Phase 1: start deals (not part of the completion rate).
    const starts: number[] = [];
    const queue: OpenDeal[] = [];
    const phase1 = process.hrtime.bigint();
    await workers(options.inFlight, options.seconds, async () => {
      const at = process.hrtime.bigint();
      queue.push(await startOne());
      starts.push(msSince(at));
    }, (n) => progress(`${options.name}: ${n} deals started`));
    const startRate = starts.length / (msSince(phase1) / 1000);
    // Phase 2: complete their tasks, each worker one deal at a time.
    const latencies: number[] = [];
    const begin = process.hrtime.bigint();
    let won = 0;
    await workers(options.inFlight, options.seconds, async () => {
      const item = queue.pop();
      if (!item) return false;
      let task: Pick<TaskView, "id"> | undefined = item.task;
      while (task) {
        const at = process.hrtime.bigint();
        const { deal } = await services.tasks.complete(task.id, { outcome: "success" }, operator);
        latencies.push(msSince(at));
        task = deal.status === "running" ? await openTask(ds, deal) : undefined;
        if (deal.status === "completed") won++;
      }
      return true;
    }, () => progress(`${options.name}: ${latencies.length} tasks completed`));
    const elapsed = msSince(begin) / 1000;
    await options.inspect?.(ds, services, startOne);
    return {
      name: options.name,
      tasksPerSec: latencies.length / elapsed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      count: latencies.length,
      seconds: elapsed,
      note: `${options.inFlight} in flight; ${won} deals won; ${starts.length} started before at ${Math.round(startRate)}/s (p99 ${percentile(starts, 99)?.toFixed(1)} ms)`,
    };
  } finally {
    await ds.destroy();
  }
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
