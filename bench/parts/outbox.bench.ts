/**
 * Outbox dispatch rate (issue 4): N stage pushes queued on MariaDB, dispatched by the real dispatcher
 * (claim in batches with SKIP LOCKED, concurrent connector calls, one bookkeeping transaction per batch)
 * through the generic storefront connector to a loopback HTTP stub that answers 204. Rate = messages
 * counted at the stub / wall time; every row must end `sent`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServices } from "../../engine/runtime/index.ts";
import { createDataSource, Entities, migrate, type OutboxRow } from "../../engine/store/index.ts";
import { stagePushRows } from "../../test/support/outbox-rows.ts";
import { msSince, progress, type PartResult } from "../stats.ts";

/** How many messages, on which database. */
export interface OutboxBenchOptions {
  url: string;
  messages: number;
}

/** Queues the messages, dispatches them all and reports the rate. */
export async function benchOutbox(options: OutboxBenchOptions): Promise<PartResult> {
  let received = 0;
  const stub = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      res.writeHead(204).end();
    });
  });
  stub.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  const ds = await createDataSource(options.url, { poolSize: 8 });
  try {
    await migrate(ds);
    const services = createServices(ds, { instanceId: "bench-outbox", quietHours: null });
    const admin = { userId: "bench-admin", login: "bench-admin", roles: ["admin"] };
    const pushUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/stages`;
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
    const sent = await ds.getRepository<OutboxRow>(Entities.Outbox).countBy({ status: "sent" });
    if (sent !== options.messages || received !== options.messages) throw new Error(`outbox bench: ${sent} sent, ${received} received of ${options.messages}`);
    return { name: "outbox dispatch to HTTP stub, MariaDB", txnPerSec: received / seconds, count: received, seconds, note: `msgs/s; batches of 200, 32 calls in flight, generic stage.push, all ${sent} rows sent` };
  } finally {
    await ds.destroy();
    stub.closeAllConnections();
    await new Promise<void>((resolve) => stub.close(() => resolve()));
  }
}

async function queue(ds: Awaited<ReturnType<typeof createDataSource>>, count: number): Promise<void> {
  const now = new Date();
  for (let i = 0; i < count; i += 1_000) await ds.getRepository(Entities.Outbox).insert(stagePushRows(Math.min(1_000, count - i), "shop", "bench-", now, i));
}
