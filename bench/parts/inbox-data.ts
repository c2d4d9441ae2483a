/**
 * The inbox bench's data: 1,000,000 tasks in a database of their own that is kept between runs. A marker
 * table records what was generated; the data is generated (multi-row `INSERT … SELECT` over MariaDB's
 * sequence tables, progress bar on stderr) only when the marker is missing or names another generation.
 *
 * Shape: 50 stores; roles operator 30 %, store_admin 50 %, courier 20 %; 10 % open, the rest completed;
 * 30 % of open tasks assigned to a person of the task's pool; due dates over 60 days around the generation.
 */
import type { DataSource } from "typeorm";
import { createConnection } from "mysql2/promise";
import { createDataSource, migrate } from "../../engine/store/index.ts";
import { msSince, progress } from "../stats.ts";

/** Bump when the generated shape changes: a kept database with another generation is regenerated. */
const GENERATION = "inbox-v2";
const CHUNK = 50_000;

/** Stores of the generated data. */
export const STORES = 50;
/** Operators the open operator tasks are assigned among. */
export const OPERATORS = 20;

/** The user id a generated task is assigned to (role, store for store-scoped roles, number). */
export function benchUserId(role: string, store: string | null, k: number): string {
  return store ? `u-${role}-${store}-${k}` : `u-${role}-${k}`;
}

/** The name of the n-th store (1-based). */
export function storeName(n: number): string {
  return `store-${String(n).padStart(2, "0")}`;
}

/** Opens (creating and migrating) the kept inbox database; generates `tasks` tasks unless they are there already. */
export async function openInboxData(server: string, database: string, tasks: number): Promise<{ ds: DataSource; generatedSeconds?: number }> {
  const conn = await createConnection({ uri: server, connectTimeout: 5000 });
  await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  await conn.end();
  const ds = await createDataSource(`${server}/${database}`, { poolSize: 4 });
  await migrate(ds);
  await ds.query("CREATE TABLE IF NOT EXISTS bench_marker (name VARCHAR(64) PRIMARY KEY, value VARCHAR(255) NOT NULL, at DATETIME(3) NOT NULL)");
  const marker = `${GENERATION}:${tasks}`;
  const [row] = await ds.query("SELECT value FROM bench_marker WHERE name = 'tasks'");
  if (row?.value === marker) return { ds };
  progress(`inbox: generating ${tasks.toLocaleString("en-US")} tasks in ${database} (once; kept for the next runs)`);
  const begin = process.hrtime.bigint();
  await ds.query("DELETE FROM bench_marker WHERE name = 'tasks'");
  await ds.query("TRUNCATE TABLE tasks");
  for (let from = 1; from <= tasks; from += CHUNK) {
    const to = Math.min(tasks, from + CHUNK - 1);
    await ds.query(insertTasks(from, to));
    bar(to, tasks, msSince(begin));
  }
  await ds.query("ANALYZE TABLE tasks");
  await ds.query("INSERT INTO bench_marker (name, value, at) VALUES ('tasks', ?, NOW(3))", [marker]);
  return { ds, generatedSeconds: msSince(begin) / 1000 };
}

/** `INSERT INTO tasks … SELECT … FROM seq_<from>_to_<to>`: task n's columns as functions of n. */
function insertTasks(from: number, to: number): string {
  const role = "ELT(1 + s.seq % 10, 'operator','operator','operator','store_admin','store_admin','store_admin','store_admin','store_admin','courier','courier')";
  const store = `CONCAT('store-', LPAD(1 + (s.seq DIV 10) % ${STORES}, 2, '0'))`;
  const open = "CRC32(s.seq) % 100 < 10";
  const assigned = "CRC32(CONCAT('a', s.seq)) % 10 < 3";
  const assignee = `IF(${open} AND ${assigned}, IF(${role} = 'operator', CONCAT('u-operator-', s.seq % ${OPERATORS}), CONCAT('u-', ${role}, '-', ${store}, '-', s.seq % 4)), NULL)`;
  const due = "DATE_ADD(DATE_SUB(NOW(3), INTERVAL 30 DAY), INTERVAL CRC32(CONCAT('d', s.seq)) % 5184000 SECOND)";
  return `INSERT INTO tasks (id, deal_id, token, element_id, title, description, role, store, stage, status, outcomes, outcome, reason, assignee, completed_by, created_at, due_at, visible_from, completed_at)
    SELECT CONCAT('00000000-0000-4000-8000-', LPAD(HEX(s.seq), 12, '0')), CONCAT('inbox-deal-', s.seq DIV 5), CONCAT('t', s.seq % 5), 'task',
           CONCAT('Task ', s.seq), NULL, ${role}, ${store}, 'assembly',
           IF(${open}, 'open', 'completed'), '[]', IF(${open}, NULL, 'success'), NULL, ${assignee}, NULL,
           DATE_SUB(${due}, INTERVAL 1 DAY), ${due}, NULL, IF(${open}, NULL, ${due})
      FROM seq_${from}_to_${to} s`;
}

/** A progress bar on stderr (a line per chunk when stderr is not a terminal). */
function bar(done: number, total: number, ms: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `[bench] inbox: [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} tasks, ${(ms / 1000).toFixed(0)} s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? "\n" : ""}`);
  else process.stderr.write(`${line}\n`);
}
