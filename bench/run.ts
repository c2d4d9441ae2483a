/**
 * `npm run bench`: the same five-task BPMN side by side on bpmn-engine, our pure core, our runtime on SQLite
 * and on MariaDB (alternating rounds with the raw MariaDB transaction rate), then issue 3's timer firing lag
 * and inbox query, then issue 4's outbox dispatch and webhook intake. Progress on stderr; the table, the targets and, as the last line, `{"bench": {…}}` on
 * stdout. Each part is time-bounded (whole run ≲ 5 minutes once the inbox data exists).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { compileRoute } from "../engine/model/index.ts";
import { benchBpmnEngine } from "./parts/bpmn-engine.bench.ts";
import { benchCore } from "./parts/core.bench.ts";
import { openInboxData } from "./parts/inbox-data.ts";
import { benchInbox } from "./parts/inbox.bench.ts";
import { benchMariadbRounds } from "./parts/mariadb-rounds.bench.ts";
import { benchOutbox } from "./parts/outbox.bench.ts";
import { profileCompletion } from "./parts/profile.ts";
import { benchRuntime, type RuntimeBenchOptions } from "./parts/runtime.bench.ts";
import { benchTimerLag } from "./parts/timer-lag.bench.ts";
import { benchWebhook } from "./parts/webhook.bench.ts";
import { report, type BenchNumbers } from "./report.ts";
import { progress, round, type PartResult } from "./stats.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MARIADB_SERVER = process.env.BENCH_MARIADB_URL ?? "mysql://root@127.0.0.1:3306";
const BENCH_DB = "order_routes_bench";
const INBOX_DB = "order_routes_bench_inbox";
const CONNECTIONS = 32;
const SECONDS = env("BENCH_SECONDS", 5);
const ROUNDS = env("BENCH_ROUNDS", 5);
const ROUND_SECONDS = env("BENCH_ROUND_SECONDS", 3);
const TIMERS = env("BENCH_TIMERS", 100_000);
const TIMER_WINDOW_SECONDS = env("BENCH_TIMER_WINDOW_SECONDS", 600);
const TIMER_WATCH_SECONDS = env("BENCH_TIMER_WATCH_SECONDS", 20);
const INBOX_TASKS = env("BENCH_INBOX_TASKS", 1_000_000);
const INBOX_CALLS = env("BENCH_INBOX_CALLS", 300);
const OUTBOX_MESSAGES = env("BENCH_OUTBOX_MESSAGES", 20_000);
/** MariaDB over its Unix socket for the issue 4 parts, when the server has one (the engine and the database on one host). */
const SOCKET = process.env.BENCH_MARIADB_SOCKET ?? "/run/mysqld/mysqld.sock";

const xml = readFileSync(new URL("./fixtures/five-tasks.bpmn", import.meta.url), "utf8");
const dealData = { externalId: "bench-1", customer: { name: "Bench", phone: "+10000000000" } };
const rate = (value: number | undefined) => round(value, 1) ?? null;

progress(`a) bpmn-engine, ${SECONDS} s`);
const bpmnEngine = await benchBpmnEngine(xml, SECONDS);

progress(`b) core, ${SECONDS} s`);
const compiled = await compileRoute(xml);
if (!compiled.ok || !compiled.route) throw new Error(`five-tasks.bpmn refused: ${compiled.issues.map((i) => `${i.element}: ${i.message}`).join("; ")}`);
const core = benchCore(compiled.route, dealData, SECONDS);

const profile: string[] = [];
const inspect = (label: string): RuntimeBenchOptions["inspect"] => async (ds, services, startDeal) => {
  profile.push(...(await profileCompletion(ds, services, startDeal, label)));
};

progress("c) runtime on SQLite (temp file)");
const sqliteDir = mkdtempSync(join(tmpdir(), "order-routes-bench-"));
const sqliteName = "order-routes runtime, SQLite";
const sqlite = await benchRuntime(xml, { name: sqliteName, url: `sqlite:${join(sqliteDir, "bench.sqlite")}`, inFlight: 1, seconds: SECONDS + 3, inspect: inspect(sqliteName) });
rmSync(sqliteDir, { recursive: true, force: true });

const mariadbUrl = `${MARIADB_SERVER}/${BENCH_DB}`;
await createBenchDatabase();
progress(`d+e) runtime on MariaDB (${CONNECTIONS} deals in flight) and raw MariaDB (${CONNECTIONS} connections), ${ROUNDS} alternating rounds`);
const rounds = await benchMariadbRounds(xml, { url: mariadbUrl, connections: CONNECTIONS, rounds: ROUNDS, seconds: ROUND_SECONDS, inspect: inspect("order-routes runtime, MariaDB") });

await createBenchDatabase();
progress(`f) timer lag: ${TIMERS.toLocaleString("en-US")} pending timers due over ${TIMER_WINDOW_SECONDS} s, watched ${TIMER_WATCH_SECONDS} s`);
const timerLag = await benchTimerLag({ url: mariadbUrl, timers: TIMERS, windowSeconds: TIMER_WINDOW_SECONDS, watchSeconds: TIMER_WATCH_SECONDS });

progress(`g) inbox query at ${INBOX_TASKS.toLocaleString("en-US")} tasks (database ${INBOX_DB}, kept between runs)`);
const inboxData = await openInboxData(MARIADB_SERVER, INBOX_DB, INBOX_TASKS);
const inbox = await benchInbox(inboxData.ds, INBOX_TASKS, INBOX_CALLS).finally(() => inboxData.ds.destroy());
if (inboxData.generatedSeconds !== undefined) inbox.note += `; data generated this run in ${Math.round(inboxData.generatedSeconds)} s`;

await createBenchDatabase();
const ioUrl = existsSync(SOCKET) ? `${mariadbUrl}?socketPath=${encodeURIComponent(SOCKET)}` : mariadbUrl;
progress(`h) outbox: ${OUTBOX_MESSAGES.toLocaleString("en-US")} stage pushes dispatched to a loopback HTTP stub (MariaDB${existsSync(SOCKET) ? " over its Unix socket" : ""})`);
const outbox = await benchOutbox({ url: ioUrl, messages: OUTBOX_MESSAGES });

await createBenchDatabase();
progress(`i) webhook: signed orders from ${CONNECTIONS} clients for ${SECONDS} s`);
const webhook = await benchWebhook({ url: ioUrl, xml, seconds: SECONDS, clients: CONNECTIONS });

const numbers: BenchNumbers = {
  bpmnEngineTasksPerSec: rate(bpmnEngine.tasksPerSec),
  coreTasksPerSec: rate(core.tasksPerSec),
  sqliteTasksPerSec: rate(sqlite.tasksPerSec),
  mariadbTasksPerSec: rate(rounds.runtime.tasksPerSec),
  mariadbRawTxnPerSec: rate(rounds.raw.txnPerSec),
  mariadbP99Ms: round(rounds.runtime.p99Ms, 2) ?? null,
  snapshotBytes: core.snapshotBytes,
  timerLagP99Ms: round(timerLag.p99Ms, 1) ?? null,
  inboxP99Ms: round(inbox.p99Ms, 2) ?? null,
  outboxMsgsPerSec: rate(outbox.txnPerSec),
  webhookOrdersPerSec: rate(webhook.txnPerSec),
};
const parts: PartResult[] = [bpmnEngine, core, sqlite, rounds.runtime, rounds.raw, timerLag, inbox, outbox, webhook];
profile.push(`MariaDB runtime / raw per round: ${rounds.ratios.map((r) => r.toFixed(2)).join(", ")} (ratio of the medians ${rounds.ratioOfMedians.toFixed(2)})`);
report(parts, numbers, profile, (line) => process.stdout.write(`${line}\n`));
process.exit(0);

/** Creates the scratch bench database afresh (dropping the previous part's or run's). */
async function createBenchDatabase(): Promise<void> {
  const conn = await createConnection({ uri: MARIADB_SERVER, connectTimeout: 5000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
    await conn.query(`CREATE DATABASE ${BENCH_DB} CHARACTER SET utf8mb4`);
  } finally {
    await conn.end();
  }
}
