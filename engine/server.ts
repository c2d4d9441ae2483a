/**
 * The server: the only place that wires the parts together. Lifecycle, in order: open the database →
 * migrate → seed reasons → seed demo users (empty database only) → publish the reference route if absent →
 * build the API → serve the designer or the home page → start the scheduler → listen. SIGINT/SIGTERM
 * stop the scheduler, close the HTTP server and the database, in that order.
 */
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import type { DataSource } from "typeorm";
import { createApp } from "./api/app.ts";
import { webHandler } from "./api/web.ts";
import type { Services } from "./runtime/contract.ts";
import { builtInConnectors } from "../connectors/index.ts";
import { loadConnectorPackages } from "../connectors/sdk/index.ts";
import { createServices, resolveSecretKey, seedDemo, seedReasons } from "./runtime/index.ts";
import { DEMO_SHOP_SECRET, seedDemoConnectors } from "./runtime/connectors/demo-instances.ts";
import { startOutboxDispatcher, startScheduler } from "./scheduler/index.ts";
import { createDataSource, Entities, migrate } from "./store/index.ts";
import { quietHoursIssues, type QuietHours } from "./core/schedule/index.ts";

/** Key of the reference route that ships as the demo. */
export const DEMO_ROUTE_KEY = "order-fulfilment";

/** Options of `startServer`; everything defaults from the environment. */
export interface ServerOptions {
  port?: number;
  databaseUrl?: string;
  logger?: Logger;
  /** Where the banner and the demo logins go (default: stdout). */
  print?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers (default true). */
  handleSignals?: boolean;
  /** Start the timer tick and the outbox dispatcher (default true). */
  scheduler?: boolean;
  /** Base URL providers reach this server at (ORDER_ROUTES_PUBLIC_URL; default http://localhost:<port>). */
  publicUrl?: string;
  /** Where the connector key file lives when ORDER_ROUTES_SECRET_KEY is not set (default data/secret.key). */
  secretKeyFile?: string;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  dataSource: DataSource;
  /** Stops the scheduler, the HTTP server and the database. */
  close(): Promise<void>;
}

const root = fileURLToPath(new URL("..", import.meta.url));
const DEMO_ROUTE_FILE = `${root}definitions/routes/order-fulfilment.bpmn`;
const DESIGNER_DIST = `${root}designer/dist`;

/** Starts everything and listens on PORT (default 3000). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? "info" });
  const print = options.print ?? ((line: string) => console.log(line));
  const port = options.port ?? Number(process.env.PORT ?? 3000);

  const dataSource = await createDataSource(options.databaseUrl ?? process.env.DATABASE_URL);
  await migrate(dataSource, (line) => log.info(line));
  await seedReasons(dataSource);
  const logins = await seedDemo(dataSource);
  const secret = resolveSecretKey(process.env.ORDER_ROUTES_SECRET_KEY, options.secretKeyFile ?? `${root}data/secret.key`);
  if (secret.generated) log.warn("generated data/secret.key to encrypt connector configurations; set ORDER_ROUTES_SECRET_KEY in production");
  const publicUrl = options.publicUrl ?? process.env.ORDER_ROUTES_PUBLIC_URL ?? `http://localhost:${port}`;
  const extra = await loadConnectorPackages(process.env.ORDER_ROUTES_CONNECTORS);
  const services = createServices(dataSource, {
    secretKey: secret.key,
    publicUrl,
    connectors: [...builtInConnectors, ...extra],
    quietHours: quietHoursFromEnv(process.env.ORDER_ROUTES_QUIET_HOURS),
    ...(process.env.ORDER_ROUTES_OUTBOX_LEASE_MS ? { dispatch: { leaseMs: Number(process.env.ORDER_ROUTES_OUTBOX_LEASE_MS) } } : {}),
  });
  await publishDemoRoute(dataSource, services, log);
  const demoConnectors = logins?.length ? await seedDemoConnectors(services) : [];

  const app = createApp(services, { logger: log, web: webHandler(DESIGNER_DIST), publicUrl: process.env.ORDER_ROUTES_PUBLIC_URL });
  const scheduler = options.scheduler === false ? undefined : startScheduler(services, { logger: log });
  const dispatcher = options.scheduler === false ? undefined : startOutboxDispatcher(services.connectors.outbox, { logger: log });
  await services.connectors.runtime.openEager();
  const server = await listen(app, port);
  const actualPort = (server.address() as { port: number }).port;
  const url = `http://localhost:${actualPort}`;
  print(`order-routes listening on ${url}`);
  printLogins(print, logins);
  if (demoConnectors.includes("shop")) print(`Demo storefront: POST ${url}/hooks/shop/orders, signed X-Order-Routes-Signature: sha256=<HMAC-SHA256 hex of the body, key "${DEMO_SHOP_SECRET}">`);

  let closing: Promise<void> | undefined;
  const close = () => {
    services.notifications.shutdown(); // open SSE streams would keep server.close waiting
    return (closing ??= shutdown(server, dataSource, [scheduler, dispatcher], () => services.connectors.runtime.close()));
  };
  if (options.handleSignals !== false) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        log.info({ signal }, "shutting down");
        close().then(
          () => process.exit(0),
          (err) => {
            log.error({ err }, "shutdown failed");
            process.exit(1);
          },
        );
      });
    }
  }
  return { url, port: actualPort, services, dataSource, close };
}

async function publishDemoRoute(dataSource: DataSource, services: Services, log: Logger): Promise<void> {
  const existing = await dataSource.getRepository(Entities.RouteVersion).count({ where: { routeKey: DEMO_ROUTE_KEY } });
  if (existing > 0) return;
  const version = await services.routes.publish(readFileSync(DEMO_ROUTE_FILE, "utf8"));
  log.info({ key: version.key, version: version.version }, "published the reference route");
}

/** Quiet hours from ORDER_ROUTES_QUIET_HOURS: `21:00-09:00` (the default) or `off`. */
function quietHoursFromEnv(text: string | undefined): QuietHours | null | undefined {
  if (!text) return undefined;
  if (text.trim() === "off") return null;
  const [from, to] = text.split("-").map((part) => part.trim());
  const window = { from: from ?? "", to: to ?? "" };
  const issues = quietHoursIssues(window);
  if (issues.length) throw new Error(`ORDER_ROUTES_QUIET_HOURS: ${issues.join(" ")} Write it as 21:00-09:00, or off.`);
  return window;
}

function listen(app: ReturnType<typeof createApp>, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

async function shutdown(server: Server, dataSource: DataSource, loops: ({ stop(): unknown } | undefined)[], closeConnectors: () => Promise<void>): Promise<void> {
  for (const loop of loops) await loop?.stop();
  await closeConnectors();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  if (dataSource.isInitialized) await dataSource.destroy();
}

function printLogins(print: (line: string) => void, logins: { login: string; password: string; roles: string[]; store?: string | null }[] | undefined): void {
  if (!logins?.length) {
    print("Demo users were seeded on the first start (see README.md, \"Demo logins\").");
    return;
  }
  print("");
  print("Demo logins:");
  const rows = logins.map((u) => [u.login, u.password, u.roles.join(", "), u.store ?? ""]);
  const table = [["login", "password", "roles", "store"], ...rows];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) print("  " + row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}
