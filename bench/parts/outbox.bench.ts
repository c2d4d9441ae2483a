/**
 * Outbox dispatch rate (issue 4): N stage pushes queued on MariaDB, dispatched by the real dispatcher
 * (claim in batches with SKIP LOCKED, concurrent connector calls, one bookkeeping transaction per batch)
 * through the generic storefront connector to a loopback HTTP stub that answers 204 (in a worker thread). Rate = messages
 * counted at the stub / wall time; every row must end `sent`.
 */
import { createServices } from "../../engine/runtime/index.ts";
import { createDataSource, Entities, migrate, type OutboxRow } from "../../engine/store/index.ts";
import { stagePushRows } from "../../test/support/outbox-rows.ts";
import { msSince, progress, type PartResult } from "../stats.ts";
import { nextMessage, tsWorker } from "./worker.ts";

/** How many messages, on which database. */
export interface OutboxBenchOptions {
  url: string;
  messages: number;
}

/** Queues the messages, dispatches them all and reports the rate. */
export async function benchOutbox(options: OutboxBenchOptions): Promise<PartResult> {
  const sink = tsWorker(new URL("./http-sink.ts", import.meta.url));
  const { port } = await nextMessage<{ port: number }>(sink);
  const ds = await createDataSource(options.url, { poolSize: 8 });
  try {
    await migrate(ds);
    const services = createServices(ds, { instanceId: "bench-outbox", quietHours: null });
    const admin = { userId: "bench-admin", login: "bench-admin", roles: ["admin"] };
    const pushUrl = `http://127.0.0.1:${port}/stages`;
    await services.connectors.instances.create({ name: "shop", connector: "generic", config: { secret: "bench-inbound-secret", pushUrl, pushSecret: "bench-push-secret" } }, admin);
    await queue(ds, options.messages);
    progress(`outbox: ${options.messages} messages queued; dispatching`);
    const start = process.hrtime.bigint();
    let attempted = 0;
    while (attempted < options.messages) {
      const n = await services.connectors.outbox.dispatchDue();
      if (n === 0) break;
      attempted += n;
    }
    const seconds = msSince(start) / 1000;
    sink.postMessage("count");
    const { received } = await nextMessage<{ received: number }>(sink);
    const sent = await ds.getRepository<OutboxRow>(Entities.Outbox).countBy({ status: "sent" });
    if (sent !== options.messages || received !== options.messages) throw new Error(`outbox bench: ${sent} sent, ${received} received of ${options.messages}`);
    return { name: "outbox dispatch to HTTP stub, MariaDB", txnPerSec: received / seconds, count: received, seconds, note: `msgs/s; batches of 200, 32 calls in flight, generic stage.push, all ${sent} rows sent` };
  } finally {
    await ds.destroy();
    await sink.terminate();
  }
}

async function queue(ds: Awaited<ReturnType<typeof createDataSource>>, count: number): Promise<void> {
  const now = new Date();
  for (let i = 0; i < count; i += 1_000) await ds.getRepository(Entities.Outbox).insert(stagePushRows(Math.min(1_000, count - i), "shop", "bench-", now, i));
}
