/**
 * One engine process for the two-process timer test: opens the database named by argv[2], builds the
 * runtime with instance id argv[3] (claim lease from TIMER_LEASE_MS) and runs the real scheduler until
 * SIGTERM. Prints `ready` once ticking and `fired <n>` after each tick that fired timers.
 */
import { createServices } from "../../engine/runtime/index.ts";
import { startScheduler } from "../../engine/scheduler/index.ts";
import { createDataSource } from "../../engine/store/index.ts";

const [url, instanceId] = process.argv.slice(2);
if (!url || !instanceId) throw new Error("usage: timer-worker.ts <database url> <instance id>");
const dataSource = await createDataSource(url, { poolSize: 2 });
const services = createServices(dataSource, { instanceId, claimLeaseMs: Number(process.env.TIMER_LEASE_MS ?? 60_000) });
const scheduler = startScheduler(services, {
  onFired: (count) => process.stdout.write(`fired ${count}\n`),
  onError: (error) => process.stderr.write(`tick failed: ${error instanceof Error ? error.stack : String(error)}\n`),
});
process.once("SIGTERM", () => {
  void scheduler.stop().then(() => dataSource.destroy()).then(() => process.exit(0));
});
process.stdout.write("ready\n");
