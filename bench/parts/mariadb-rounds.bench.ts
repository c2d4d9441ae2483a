/**
 * Parts (d) and (e) in alternating short rounds (raw, runtime, raw, runtime, …) on one database, so that a
 * burst of load from elsewhere on the machine hits both sides alike; each side reports the median of its
 * rounds' rates, and the p99 over every timed operation.
 */
import { median, percentile, progress, type PartResult } from "../stats.ts";
import { openRawBench, rawRound } from "./mariadb-raw.bench.ts";
import { openRuntimeBench, runtimeRound, type RuntimeBenchOptions } from "./runtime.bench.ts";

/** How to alternate. */
export interface RoundsOptions {
  url: string;
  connections: number;
  rounds: number;
  /** Length of a raw round, and bound of each runtime phase (start deals, complete tasks). */
  seconds: number;
  /** Called after the rounds, before the database closes (profiling). */
  inspect?: RuntimeBenchOptions["inspect"];
}

/** The two parts, each with its median rate; `ratios` are the per-round runtime/raw ratios. */
export interface RoundsResult {
  runtime: PartResult;
  raw: PartResult;
  ratioOfMedians: number;
  ratios: number[];
}

/** Runs `rounds` raw rounds and `rounds` runtime rounds alternately. */
export async function benchMariadbRounds(xml: string, options: RoundsOptions): Promise<RoundsResult> {
  const raw = await openRawBench(options.url, options.connections);
  const runtime = await openRuntimeBench(xml, "order-routes runtime, MariaDB", options.url, options.connections);
  try {
    const rawRates: number[] = [];
    const rawLatencies: number[] = [];
    const rates: number[] = [];
    const latencies: number[] = [];
    let won = 0;
    for (let round = 1; round <= options.rounds; round++) {
      progress(`d+e) round ${round}/${options.rounds}: raw MariaDB, then the runtime`);
      const r = await rawRound(raw, options.seconds);
      rawRates.push(r.txnPerSec);
      rawLatencies.push(...r.latencies);
      const t = await runtimeRound(runtime, options.seconds);
      rates.push(t.tasksPerSec);
      latencies.push(...t.latencies);
      won += t.won;
    }
    await options.inspect?.(runtime.ds, runtime.services, runtime.startDeal);
    const ratios = rates.map((rate, i) => rate / rawRates[i]!);
    const list = (values: number[]) => values.map((v) => Math.round(v)).join(", ");
    return {
      runtime: {
        name: runtime.name,
        tasksPerSec: median(rates),
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        count: latencies.length,
        note: `${options.connections} in flight; median of ${options.rounds} rounds [${list(rates)}] tasks/s; ${won} deals won`,
      },
      raw: {
        name: `MariaDB raw txn (4×UPDATE+INSERT, ${options.connections} conns)`,
        txnPerSec: median(rawRates),
        p50Ms: percentile(rawLatencies, 50),
        p99Ms: percentile(rawLatencies, 99),
        count: rawLatencies.length,
        note: `median of ${options.rounds} rounds [${list(rawRates)}] txn/s, alternating with the runtime`,
      },
      ratioOfMedians: median(rates) / median(rawRates),
      ratios,
    };
  } finally {
    await runtime.close();
    await raw.close();
  }
}
