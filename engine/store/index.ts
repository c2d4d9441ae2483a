/** The engine's storage: data source (SQLite | MySQL), entities, migrations, transactions. */
export { createDataSource, dataSourceOptions, DEFAULT_SQLITE_FILE, type DataSourceSettings } from "./data-source.ts";
export { migrate } from "./migrate.ts";
export { inTransaction, forUpdate, isUniqueViolation } from "./transaction.ts";
export { insertRow, readRows, selectRows, subselect, updateRows, type Read } from "./rows.ts";
export { Writes } from "./writes.ts";
export { dialectOf, type Dialect } from "./columns.ts";
export * from "./entities/index.ts";
