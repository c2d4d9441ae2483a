import type { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from "typeorm";
import { dialectOf } from "./columns.ts";

/**
 * Runs `work` in one database transaction. On SQLite all work shares one connection, so transactions are
 * serialised in-process; on MySQL it runs READ COMMITTED (row locks, no gap locks; correctness comes from
 * locking the deal row first) and a deadlock or lock-wait timeout is retried a few times.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(dataSource) === "sqlite") return serialised(dataSource, () => dataSource.transaction(work));
  for (let attempt = 1; ; attempt++) {
    try {
      return await readCommitted(dataSource, work);
    } catch (error) {
      if (attempt >= 5 || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

/** Adds `FOR UPDATE` on MySQL (SQLite transactions are already serialised). */
export function forUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, options: { skipLocked?: boolean } = {}): SelectQueryBuilder<T> {
  if (dialectOf(query.connection) !== "mysql") return query;
  query.setLock("pessimistic_write");
  if (options.skipLocked) query.setOnLocked("skip_locked");
  return query;
}

/** True when a database error is a unique-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code ?? "";
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

const queues = new WeakMap<DataSource, Promise<unknown>>();
const readCommittedConnections = new WeakSet<object>();

/** A MySQL transaction at READ COMMITTED, set once per pooled connection rather than before every transaction. */
async function readCommitted<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const connection = (await runner.connect()) as object;
    if (!readCommittedConnections.has(connection)) {
      await runner.query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
      readCommittedConnections.add(connection);
    }
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

function serialised<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(dataSource, next.catch(() => undefined));
  return next;
}

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT";
}
