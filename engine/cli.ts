/**
 * The `order-routes` command line: serve, migrate, validate, publish, token, conformance, help.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RouteIssue } from "./model/types.ts";

/** What a command may print to; tests pass their own. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Command = (args: string[], io: Io) => Promise<number>;

const USAGE = `Usage: order-routes <command>

Commands:
  serve                    migrate, seed the demo, publish the reference route if absent, serve the API (PORT, default 3000)
  migrate                  run pending database migrations
  validate <file.bpmn>     compile and lint a route; prints each issue, exits 1 on errors
  publish <file.bpmn>      publish a route version into the database and print its number
  token <login>            issue an API token (no expiry) for a user, e.g. an integrator; printed once, stored hashed
  conformance <dir>        run the BPMN conformance suite of a corpus folder (e.g. ../shared/corpus)
  help                     this text

Environment: DATABASE_URL (default: SQLite file ./data/order-routes.sqlite; mysql://user:pass@host:3306/db for MySQL),
PORT (default 3000), LOG_LEVEL (default info).
Connectors: ORDER_ROUTES_SECRET_KEY (32 bytes, base64 or hex: encrypts connector settings; without it a key
is generated into data/secret.key), ORDER_ROUTES_PUBLIC_URL (where providers reach /hooks), ORDER_ROUTES_CONNECTORS
(extra connector packages, comma-separated), ORDER_ROUTES_QUIET_HOURS (21:00-09:00 or off),
ORDER_ROUTES_DEFAULT_LOCALE, ORDER_ROUTES_DEFAULT_TIME_ZONE, ORDER_ROUTES_PHONE_COUNTRY (RU),
ORDER_ROUTES_OUTBOX_LEASE_MS (how long a claimed message waits before another process resends it; 60000).`;

const commands: Record<string, Command> = {
  async serve(_args, io) {
    const { startServer } = await import("./server.ts");
    await startServer({ print: io.out });
    return 0;
  },
  async migrate(_args, io) {
    const { createDataSource, migrate } = await import("./store/index.ts");
    const dataSource = await createDataSource();
    try {
      await migrate(dataSource, io.out);
    } finally {
      await dataSource.destroy();
    }
    return 0;
  },
  async validate(args, io) {
    const xml = readRoute(args, "validate");
    const { compileRoute } = await import("./model/index.ts");
    const result = await compileRoute(xml);
    for (const line of formatIssues(result.issues)) io.out(line);
    const errors = result.issues.filter((issue) => issue.severity === "error").length;
    io.out(errors ? `${errors} error(s): the engine cannot run this route.` : `ok: ${args[0]} can be published.`);
    return errors ? 1 : 0;
  },
  async publish(args, io) {
    const xml = readRoute(args, "publish");
    const { createDataSource, migrate } = await import("./store/index.ts");
    const { createServices } = await import("./runtime/index.ts");
    const dataSource = await createDataSource();
    try {
      await migrate(dataSource);
      const version = await createServices(dataSource).routes.publish(xml);
      for (const line of formatIssues(version.issues)) io.out(line);
      io.out(`published ${version.key} version ${version.version} (id ${version.id})`);
      return 0;
    } finally {
      await dataSource.destroy();
    }
  },
  async token(args, io) {
    const login = args[0];
    if (!login) throw new UsageError("token needs a login, e.g. order-routes token integrator");
    const { createDataSource, migrate } = await import("./store/index.ts");
    const { issueApiToken } = await import("./runtime/index.ts");
    const dataSource = await createDataSource();
    try {
      await migrate(dataSource);
      io.out(await issueApiToken(dataSource, login));
      return 0;
    } finally {
      await dataSource.destroy();
    }
  },
  async conformance(args, io) {
    const dir = args[0];
    if (!dir) throw new UsageError("conformance needs a folder, e.g. order-routes conformance ../shared/corpus");
    const { runConformance } = await import("./conformance/index.ts");
    const summary = await runConformance(dir, io.out);
    return summary.failed > 0 ? 1 : 0;
  },
  async help(_args, io) {
    io.out(USAGE);
    return 0;
  },
};

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name = "help", ...args] = argv;
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command || name === "--help" || name === "-h") {
    if (command === undefined && !["--help", "-h"].includes(name)) io.err(`Unknown command "${name}".\n`);
    io.out(USAGE);
    return command === undefined && !["--help", "-h"].includes(name) ? 2 : 0;
  }
  try {
    return await command(args, io);
  } catch (err) {
    io.err(describeFailure(err));
    return err instanceof UsageError ? 2 : 1;
  }
}

/** The lines `validate` prints for route issues: `element (name): message`, warnings marked. */
export function formatIssues(issues: RouteIssue[]): string[] {
  const ordered = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return ordered.map((issue) => {
    const where = `${issue.element ?? "(file)"}${issue.name ? ` (${issue.name})` : ""}`;
    return `${issue.severity === "warning" ? "warning: " : ""}${where}: ${issue.message}`;
  });
}

/** Runs the process's own command line and sets its exit code (the bin shim and `tsx engine/cli.ts` call this). */
export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}

class UsageError extends Error {}

const consoleIo: Io = { out: (line) => console.log(line), err: (line) => console.error(line) };

function readRoute(args: string[], command: string): string {
  const file = args[0];
  if (!file) throw new UsageError(`${command} needs a file: order-routes ${command} <file.bpmn>`);
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}

function describeFailure(err: unknown): string {
  if (err && typeof err === "object" && "status" in err && "errors" in err) {
    const problem = err as unknown as { message: string; errors: { element?: string; name?: string; pointer?: string; message: string }[] };
    const lines = problem.errors.map((e) => `${e.element ?? e.pointer ?? "(file)"}${e.name ? ` (${e.name})` : ""}: ${e.message}`);
    return [problem.message, ...lines].join("\n");
  }
  return err instanceof Error ? err.message : String(err);
}

if (isEntry()) await run();

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
