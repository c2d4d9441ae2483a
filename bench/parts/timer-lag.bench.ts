/**
 * Timer firing lag (issue 3): 100,000 deals wait at a timer on MariaDB, their timers due evenly over a
 * window starting a few seconds from now; the real scheduler (`startScheduler`, one node-cron tick a second,
 * `fireDue` claiming with SKIP LOCKED) fires them while we watch for a while. Lag of a timer = the time of
 * its firing command (its `timer.fired` audit row) − its due time; a timer due during the watch but not
 * fired by its end counts with the lag it has reached then.
 */
import type { DataSource } from "typeorm";
import { createContext } from "../../engine/runtime/context.ts";
import { createServices } from "../../engine/runtime/index.ts";
import { publishCompiled } from "../../engine/runtime/routes.service.ts";
import { startScheduler } from "../../engine/scheduler/index.ts";
import { createDataSource, migrate } from "../../engine/store/index.ts";
import { cloneWaitingDeal, waitRoute } from "../../test/support/waiting-deals.ts";
import { msSince, percentile, progress, type PartResult } from "../stats.ts";
import { benchOrder } from "./order.ts";

/** How many timers, over which window, watched for how long. */
export interface TimerLagOptions {
  url: string;
  timers: number;
  windowSeconds: number;
  watchSeconds: number;
}

/** Generates the waiting deals, runs the scheduler for `watchSeconds` and measures the lag of the timers due meanwhile. */
export async function benchTimerLag(options: TimerLagOptions): Promise<PartResult> {
  const ds = await createDataSource(options.url, { poolSize: 4 });
  try {
    await migrate(ds);
    const ctx = createContext(ds);
    await publishCompiled(ctx, waitRoute(), { xml: "<definitions/>", publishedBy: "bench" });
    const services = createServices(ds, { instanceId: "bench-timers" });
    const admin = { userId: "bench-admin", login: "bench-admin", roles: ["admin"] };
    const { deal } = await services.deals.start(benchOrder(`timers-${Date.now()}`), admin, { route: "wait-once" });
    const generated = process.hrtime.bigint();
    const firstDueAt = new Date(Date.now() + 60_000); // moved to the real start below
    await cloneWaitingDeal(ds, deal.id, options.timers, "lag", {
      firstDueAt,
      windowMs: options.windowSeconds * 1000,
      onProgress: (n) => progress(`timer lag: ${n}/${options.timers} waiting deals generated`),
    });
    // the watch starts 2 s from now: shift every copy's due time so the first falls due then
    const start = new Date(Date.now() + 2_000);
    await ds.query("UPDATE timers SET due_at = DATE_ADD(due_at, INTERVAL ? MICROSECOND) WHERE deal_id LIKE 'lag-%'", [
      (start.getTime() - firstDueAt.getTime()) * 1000,
    ]);
    progress(`timer lag: ${options.timers} pending timers in ${(msSince(generated) / 1000).toFixed(1)} s; watching the scheduler for ${options.watchSeconds} s`);
    // Scheduler.stop() does not wait for a tick in flight: keep hold of it to let it finish before reading
    let inFlight: Promise<number> = Promise.resolve(0);
    const firing = { fireDue: (now?: Date) => (inFlight = services.timers.fireDue(now)) };
    const scheduler = startScheduler(firing, { onError: (error) => progress(`timer tick failed: ${String(error)}`) });
    await new Promise((resolve) => setTimeout(resolve, 2_000 + options.watchSeconds * 1000));
    const end = new Date();
    await scheduler.stop();
    await inFlight.catch(() => 0);
    const lags = await lagsUntil(ds, end);
    const fired = lags.filter((l) => l.fired).length;
    const values = lags.map((l) => l.ms);
    return {
      name: `timer lag, ${options.timers.toLocaleString("en-US")} pending (MariaDB)`,
      p50Ms: percentile(values, 50),
      p99Ms: percentile(values, 99),
      count: values.length,
      seconds: options.watchSeconds,
      note: `${fired} fired of ${values.length} due during ${options.watchSeconds} s (${Math.round(options.timers / options.windowSeconds)}/s due); one engine process, 1 s tick`,
    };
  } finally {
    await ds.destroy();
  }
}

/** Lag (ms) of every copy's timer due by `end`: fired → its firing time − due; still pending → `end` − due. */
async function lagsUntil(ds: DataSource, end: Date): Promise<{ ms: number; fired: boolean }[]> {
  const rows: { ms: string | number; fired: number | string }[] = await ds.query(
    `SELECT TIMESTAMPDIFF(MICROSECOND, t.due_at, COALESCE(a.at, ?)) / 1000 AS ms, a.id IS NOT NULL AS fired
       FROM timers t LEFT JOIN audit_log a ON a.deal_id = t.deal_id AND a.action = 'timer.fired'
      WHERE t.deal_id LIKE 'lag-%' AND t.due_at <= ?`,
    [end, end],
  );
  return rows.map((row) => ({ ms: Number(row.ms), fired: Number(row.fired) === 1 }));
}
