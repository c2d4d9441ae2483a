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
      return await dataSource.transaction("READ COMMITTED", work);
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
