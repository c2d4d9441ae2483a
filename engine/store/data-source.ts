import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { allEntities } from "./entities/index.ts";
import { migrations } from "../../migrations/index.ts";

/** The embedded database used when no DATABASE_URL is given. */
export const DEFAULT_SQLITE_FILE = "./data/order-routes.sqlite";

/** Options of `createDataSource` beyond the URL. */
export interface DataSourceSettings {
  /** MySQL connection pool size (default: `?poolSize=` in the URL, DB_POOL_SIZE, or 10). */
  poolSize?: number;
  logging?: boolean;
}

/**
 * Opens (initialises) the database named by a URL: nothing → the SQLite file `./data/order-routes.sqlite`;
 * `sqlite:<path>` or `sqlite::memory:`; `mysql://user:pass@host:port/db` → MySQL/MariaDB through mysql2.
 */
export async function createDataSource(url: string | undefined = process.env.DATABASE_URL, settings: DataSourceSettings = {}): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, settings));
  await dataSource.initialize();
  return dataSource;
}

/** The TypeORM options for a database URL (exported for tools that build their own DataSource). */
export function dataSourceOptions(url: string | undefined, settings: DataSourceSettings = {}): DataSourceOptions {
  const target = url?.trim() || `sqlite:${DEFAULT_SQLITE_FILE}`;
  if (target.startsWith("mysql://") || target.startsWith("mariadb://")) return mysqlOptions(new URL(target), settings);
  if (target.startsWith("sqlite:")) return sqliteOptions(target.slice("sqlite:".length).replace(/^\/\/(?=\/)/, ""), settings);
  throw new Error(`Unsupported DATABASE_URL "${target}": use sqlite:<path>, sqlite::memory: or mysql://user:pass@host:port/db`);
}

function sqliteOptions(path: string, settings: DataSourceSettings): DataSourceOptions {
  const memory = path === ":memory:";
  const file = memory ? path : resolve(path);
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  return {
    type: "better-sqlite3",
    database: file,
    entities: allEntities("sqlite"),
    migrations,
    logging: settings.logging ?? false,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      if (!memory) db.pragma("journal_mode = WAL");
      db.pragma("busy_timeout = 5000");
      db.pragma("synchronous = NORMAL");
    },
  };
}

function mysqlOptions(url: URL, settings: DataSourceSettings): DataSourceOptions {
  const poolSize = settings.poolSize ?? (Number(url.searchParams.get("poolSize") ?? process.env.DB_POOL_SIZE) || 10);
  return {
    type: "mysql",
    host: url.hostname || "127.0.0.1",
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username || "root"),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    charset: "utf8mb4",
    timezone: "Z",
    supportBigNumbers: true,
    bigNumberStrings: false,
    poolSize,
    // ?socketPath=/run/mysqld/mysqld.sock: a database on the same host over its Unix socket (cheaper than loopback TCP)
    ...(url.searchParams.get("socketPath") ? { socketPath: url.searchParams.get("socketPath")! } : {}),
    // a command sends its writes as one multi-statement query (engine/store/writes.ts); every value is a bound parameter
    multipleStatements: true,
    entities: allEntities("mysql"),
    migrations,
    logging: settings.logging ?? false,
  };
}
