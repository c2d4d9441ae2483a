/**
 * `npm run bench`: the same five-task BPMN side by side on bpmn-engine, our pure core, our runtime on SQLite
 * and on MariaDB, next to the raw MariaDB transaction rate. Progress on stderr; the table, the targets and,
 * as the last line, `{"bench": {…}}` on stdout. Each part is time-bounded (whole run ≲ 2 minutes).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { benchBpmnEngine } from "./parts/bpmn-engine.bench.ts";
import { benchCore } from "./parts/core.bench.ts";
import { benchMariadbRaw } from "./parts/mariadb-raw.bench.ts";
import { profileCompletion } from "./parts/profile.ts";
import { benchRuntime } from "./parts/runtime.bench.ts";
import { loadEngine } from "./engine.ts";
import { report, type BenchNumbers } from "./report.ts";
import { notAvailable, progress, round, type PartResult } from "./stats.ts";

const MARIADB_SERVER = process.env.BENCH_MARIADB_URL ?? "mysql://root@127.0.0.1:3306";
const BENCH_DB = "order_routes_bench";
const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const xml = readFileSync(new URL("./fixtures/five-tasks.bpmn", import.meta.url), "utf8");
const dealData = { externalId: "bench-1", customer: { name: "Bench", phone: "+10000000000" } };

const parts: PartResult[] = [];
const numbers: BenchNumbers = {
  bpmnEngineTasksPerSec: null,
  coreTasksPerSec: null,
  sqliteTasksPerSec: null,
  mariadbTasksPerSec: null,
  mariadbRawTxnPerSec: null,
  mariadbP99Ms: null,
  snapshotBytes: null,
};

progress(`a) bpmn-engine, ${SECONDS} s`);
const bpmnEngine = await attempt("bpmn-engine (memory)", () => benchBpmnEngine(xml, SECONDS));
numbers.bpmnEngineTasksPerSec = rate(bpmnEngine);

const engine = await loadEngine();
progress(`b) core, ${SECONDS} s`);
const compiled = engine.compile ? await engine.compile(xml) : undefined;
if (compiled && !compiled.ok) progress(`five-tasks.bpmn refused: ${compiled.issues.map((i) => `${i.element}: ${i.message}`).join("; ")}`);
const core = await attempt("order-routes core (memory)", async () => {
  if (!engine.compile) throw new Error(`engine/model: ${engine.missing.model}`);
  if (!engine.transition) throw new Error(`engine/core: ${engine.missing.core}`);
  if (!compiled?.route) throw new Error("five-tasks.bpmn was refused at publish");
  const result = benchCore(compiled.route, engine.transition, dealData, SECONDS);
  numbers.snapshotBytes = result.snapshotBytes;
  return result;
});
numbers.coreTasksPerSec = rate(core);

const profile: string[] = [];
const runtimePart = (name: string, url: string, inFlight: number) =>
  attempt(name, async () => {
    if (!engine.runtime) throw new Error(`engine/runtime: ${engine.missing.runtime}`);
    return benchRuntime(engine.runtime, xml, {
      name,
      url,
      inFlight,
      seconds: SECONDS + 3,
      inspect: async (ds, services, startDeal) => {
        profile.push(...(await profileCompletion(ds, services, startDeal, name)));
      },
    });
  });

progress("c) runtime on SQLite (temp file)");
const sqliteDir = mkdtempSync(join(tmpdir(), "order-routes-bench-"));
const sqlite = await runtimePart("order-routes runtime, SQLite", `sqlite:${join(sqliteDir, "bench.sqlite")}`, 1);
rmSync(sqliteDir, { recursive: true, force: true });
numbers.sqliteTasksPerSec = rate(sqlite);

const mariadbUrl = `${MARIADB_SERVER}/${BENCH_DB}`;
const dbReady = await attempt("MariaDB", () => createBenchDatabase());
progress(`e) raw MariaDB, ${CONNECTIONS} connections`);
const raw = dbReady.na ? notAvailable("MariaDB raw txn", dbReady.na) : await attempt("MariaDB raw txn", () => benchMariadbRaw(mariadbUrl, CONNECTIONS, SECONDS + 3));
numbers.mariadbRawTxnPerSec = raw.na ? null : round(raw.txnPerSec, 1) ?? null;

progress(`d) runtime on MariaDB, ${CONNECTIONS} deals in flight`);
const mariadb = dbReady.na ? notAvailable("order-routes runtime, MariaDB", dbReady.na) : await runtimePart("order-routes runtime, MariaDB", mariadbUrl, CONNECTIONS);
numbers.mariadbTasksPerSec = rate(mariadb);
numbers.mariadbP99Ms = mariadb.na ? null : round(mariadb.p99Ms, 2) ?? null;

parts.push(bpmnEngine, core, sqlite, mariadb, raw);
report(parts, numbers, profile, (line) => process.stdout.write(`${line}\n`));
process.exit(0);

/** Runs a part; a failure (missing dependency, no database) becomes an n/a row instead of ending the bench. */
async function attempt(name: string, part: () => Promise<PartResult> | PartResult): Promise<PartResult> {
  try {
    return await part();
  } catch (error) {
    progress(`${name}: n/a (${error instanceof Error ? error.message : String(error)})`);
    return notAvailable(name, error);
  }
}

function rate(part: PartResult): number | null {
  return part.na ? null : round(part.tasksPerSec, 1) ?? null;
}

/** Creates the bench database afresh (dropping the previous run's). */
async function createBenchDatabase(): Promise<PartResult> {
  const conn = await createConnection({ uri: MARIADB_SERVER, connectTimeout: 5000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
    await conn.query(`CREATE DATABASE ${BENCH_DB} CHARACTER SET utf8mb4`);
  } finally {
    await conn.end();
  }
  return { name: "MariaDB" };
}
