/**
 * A real, empty, migrated database for a test: MariaDB/MySQL when DATABASE_URL is set (every table is
 * dropped first; test files run one at a time), otherwise a fresh SQLite file in a temp folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  const url = envUrl || `sqlite:${join(folder!, "test.sqlite")}`;
  const dataSource = await createDataSource(url);
  if (dialectOf(dataSource) === "mysql") await dropAllTables(dataSource);
  await migrate(dataSource);
  return {
    dataSource,
    dialect: dialectOf(dataSource),
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function dropAllTables(dataSource: DataSource): Promise<void> {
  const rows: { name: string }[] = await dataSource.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()",
  );
  await dataSource.query("SET FOREIGN_KEY_CHECKS = 0");
  for (const { name } of rows) await dataSource.query(`DROP TABLE IF EXISTS \`${name}\``);
  await dataSource.query("SET FOREIGN_KEY_CHECKS = 1");
}
