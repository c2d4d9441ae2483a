/**
 * Webhook order intake rate (issue 4): signed orders POSTed by 32 concurrent clients (in a worker thread) to the real API's
 * `/hooks/shop/orders` (generic storefront connector) on MariaDB; each verifies its HMAC, validates the
 * order and starts a deal on the five-task route in one transaction. Rate = deals created / wall time.
 */
import type { AddressInfo } from "node:net";
import { nextMessage, tsWorker } from "./worker.ts";
import { pino } from "pino";
import { createApp } from "../../engine/api/app.ts";
import { createServices } from "../../engine/runtime/index.ts";
import { createDataSource, Entities, migrate, type DealRow } from "../../engine/store/index.ts";
import { percentile, progress, type PartResult } from "../stats.ts";
import type { WebhookClientData, WebhookClientReport } from "./webhook-client.ts";

/** Where, how long and how many clients. */
export interface WebhookBenchOptions {
  url: string;
  xml: string;
  seconds: number;
  clients: number;
}

const SECRET = "bench-webhook-secret";

/** Posts signed orders for `seconds` and reports the intake rate and latency. */
export async function benchWebhook(options: WebhookBenchOptions): Promise<PartResult> {
  const ds = await createDataSource(options.url, { poolSize: options.clients });
  await migrate(ds);
  const services = createServices(ds, { instanceId: "bench-webhook" });
  const server = createApp(services, { logger: pino({ level: "silent" }) }).listen(0, "127.0.0.1");
  try {
    const admin = { userId: "bench-admin", login: "bench-admin", roles: ["admin"] };
    const version = await services.routes.publish(options.xml, admin);
    await services.connectors.instances.create({ name: "shop", connector: "generic", config: { secret: SECRET, defaultStore: "store-1", routeKey: version.key } }, admin);
    if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as AddressInfo).port;
    const report = await runClients({ port, secret: SECRET, seconds: options.seconds, clients: options.clients });
    const { latencies, seconds } = report;
    const created = await ds.getRepository<DealRow>(Entities.Deal).count();
    if (report.failures.length > 0) throw new Error(`webhook bench: orders not created: ${report.failures.join(" | ")}`);
    progress(`webhook: ${created} deals from ${latencies.length} signed orders`);
    return { name: "webhook orders (generic, signed), MariaDB", txnPerSec: created / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), count: created, seconds, note: `orders/s; ${options.clients} clients, HMAC + schema + deal start per order` };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await ds.destroy();
  }
}

/** Runs the load generator in a worker thread and waits for its report. */
async function runClients(data: WebhookClientData): Promise<WebhookClientReport> {
  const worker = tsWorker(new URL("./webhook-client.ts", import.meta.url), data);
  try {
    return await nextMessage<WebhookClientReport>(worker);
  } finally {
    await worker.terminate();
  }
}
