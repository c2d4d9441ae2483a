import type { DataSource, EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from "typeorm";
import { dialectOf } from "./columns.ts";

/**
 * Runs `work` in one database transaction. On SQLite all work shares one connection, so transactions are
 * serialised in-process; on MySQL it runs READ COMMITTED (row locks, no gap locks; correctness comes from
 * locking the deal row first) and a deadlock or lock-wait timeout is retried a few times. On MySQL the
 * START TRANSACTION waits for the first statement (so `execute` can send both in one round trip).
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

/**
 * What `execute` must send around its statements on this runner: the deferred START TRANSACTION (taken:
 * it is sent once) and, when `commit` is asked and the transaction is ours, the COMMIT.
 */
export function transactionEdges(runner: QueryRunner, commit: boolean): { start: boolean; commit: boolean } {
  if (!deferring.has(runner)) return { start: false, commit: false };
  return { start: unstarted.delete(runner), commit };
}

/** Records that the transaction's COMMIT went with a batch of statements (its own COMMIT is then skipped). */
export function committedWith(runner: QueryRunner): void {
  committed.add(runner);
}

/** True when a database error is a unique-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code ?? "";
  return code === "ER_DUP_ENTRY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

const queues = new WeakMap<DataSource, Promise<unknown>>();
const readCommittedConnections = new WeakSet<object>();
/** Runners of our MySQL transactions, whose START TRANSACTION and COMMIT may travel with other statements. */
const deferring = new WeakSet<QueryRunner>();
/** Runners whose START TRANSACTION is not sent yet. */
const unstarted = new WeakSet<QueryRunner>();
/** Runners whose COMMIT was sent already. */
const committed = new WeakSet<QueryRunner>();

/** A MySQL transaction at READ COMMITTED, set once per pooled connection rather than before every transaction. */
async function readCommitted<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const connection = (await runner.connect()) as object;
    if (!readCommittedConnections.has(connection)) {
      await runner.query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
      readCommittedConnections.add(connection);
    }
    deferStart(runner);
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

/**
 * Makes the runner hold back its START TRANSACTION until the first statement: a statement sent through
 * TypeORM sends it first; `execute` sends it in the same round trip. A COMMIT or ROLLBACK before any
 * statement, or a COMMIT already sent by `execute`, is not sent at all.
 */
function deferStart(runner: QueryRunner): void {
  const query = runner.query.bind(runner) as (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  deferring.add(runner);
  runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
    if (sql === "START TRANSACTION") return void unstarted.add(runner);
    const ending = sql === "COMMIT" || sql === "ROLLBACK";
    if (ending && unstarted.delete(runner)) return undefined;
    if (sql === "COMMIT" && committed.has(runner)) return undefined;
    if (unstarted.delete(runner)) await query("START TRANSACTION");
    return query(sql, parameters, structured);
  }) as QueryRunner["query"];
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
