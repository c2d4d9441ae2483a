/**
 * A real, empty, migrated database for a test: on the MariaDB/MySQL server of DATABASE_URL a database of its
 * own (`<name>_t<pid>_<n>`, dropped on close; so test files may run side by side), otherwise a fresh SQLite
 * file in a temp folder. Without the right to create databases, the DATABASE_URL database itself is
 * emptied and used (test files must then run one at a time).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection, type Connection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import { createDataSource, dialectOf, migrate } from "../../engine/store/index.ts";

/** An open test database and how to close it. */
export interface TestDatabase {
  dataSource: DataSource;
  dialect: "sqlite" | "mysql";
  url: string;
  close(): Promise<void>;
}

/** Opens a fresh, migrated test database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const envUrl = process.env.DATABASE_URL?.trim();
  const folder = envUrl ? undefined : mkdtempSync(join(tmpdir(), "order-routes-test-"));
  const own = envUrl && /^(mysql|mariadb):/.test(envUrl) ? await ownDatabase(envUrl) : undefined;
  const url = own?.url ?? (envUrl || `sqlite:${join(folder!, "test.sqlite")}`);
  const dataSource = await createDataSource(url);
  if (dialectOf(dataSource) === "mysql" && !own) await dropAllTables(dataSource);
  await migrate(dataSource);
  return {
    dataSource,
    dialect: dialectOf(dataSource),
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (folder) rmSync(folder, { recursive: true, force: true });
      await own?.drop();
    },
  };
}

let opened = 0;

/** Creates `<name>_t<pid>_<n>` beside the DATABASE_URL database (first dropping those of test processes that are gone); undefined without the right to. */
async function ownDatabase(envUrl: string): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const url = new URL(envUrl);
  const base = decodeURIComponent(url.pathname.replace(/^\//, "")) || "test";
  const name = `${base}_t${process.pid}_${++opened}`;
  const server = await createConnection({ host: url.hostname || "127.0.0.1", port: Number(url.port || 3306), user: decodeURIComponent(url.username || "root"), password: decodeURIComponent(url.password) });
  try {
    await dropDatabasesOfDeadProcesses(server, base);
    await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  } catch {
    await server.end();
    return undefined;
  }
  await server.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const connection = await createConnection({ uri: envUrl });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``).finally(() => connection.end());
    },
  };
}

async function dropDatabasesOfDeadProcesses(server: Connection, base: string): Promise<void> {
  const [rows] = await server.query("SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?", [`${base}\\_t%`]);
  for (const { name } of rows as { name: string }[]) {
    const pid = Number(/_t(\d+)_\d+$/.exec(name)?.[1]);
    if (pid && !alive(pid)) await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function dropAllTables(dataSource: DataSource): Promise<void> {
  const rows: { name: string }[] = await dataSource.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()",
  );
  await dataSource.query("SET FOREIGN_KEY_CHECKS = 0");
  for (const { name } of rows) await dataSource.query(`DROP TABLE IF EXISTS \`${name}\``);
  await dataSource.query("SET FOREIGN_KEY_CHECKS = 1");
}
