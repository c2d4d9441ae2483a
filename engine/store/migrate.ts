import { MigrationExecutor, type DataSource } from "typeorm";

/** Runs every pending migration (the same ones on SQLite and MySQL), reporting progress lines; returns the names applied. */
export async function migrate(dataSource: DataSource, log: (line: string) => void = () => {}): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) {
    log("migrations: database is up to date");
    return [];
  }
  log(`migrations: ${pending.length} pending`);
  const applied = await dataSource.runMigrations({ transaction: "each" });
  for (const migration of applied) log(`migrations: applied ${migration.name}`);
  return applied.map((migration) => migration.name);
}
