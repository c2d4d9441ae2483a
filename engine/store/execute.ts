/**
 * Sends statements to the database. On MySQL a list of statements is one multi-statement query (one round
 * trip; the server stops at the first error), sent straight through the pooled mysql2 connection (no
 * TypeORM or promise-wrapper overhead per statement); a deferred START TRANSACTION and, when asked, the
 * COMMIT travel with it (see transaction.ts). On SQLite the statements run one after another.
 */
import { QueryFailedError, type EntityManager, type QueryRunner } from "typeorm";
import { dialectOf } from "./columns.ts";
import type { Statement } from "./sql.ts";
import { committedWith, transactionEdges } from "./transaction.ts";

/** What one statement returned: its rows (SELECT) and how many rows it changed. */
export interface Outcome {
  records: Record<string, unknown>[];
  affected: number;
}

/** Options of `execute`. */
export interface ExecuteOptions {
  /**
   * These are the transaction's last statements: on MySQL its COMMIT is sent with them. Only for writes
   * whose conditions are guaranteed by row locks the transaction holds (a failed check could not undo them).
   */
  commit?: boolean;
}

/** Runs statements in order on the manager's transaction (or on a pooled connection); one outcome per statement. */
export async function execute(manager: EntityManager, statements: Statement[], options: ExecuteOptions = {}): Promise<Outcome[]> {
  const own = manager.queryRunner ? undefined : manager.connection.createQueryRunner();
  const runner = (manager.queryRunner ?? own) as QueryRunner;
  try {
    if (dialectOf(manager.connection) === "mysql") return await onMysql(manager, runner, statements, options.commit ?? false);
    const outcomes: Outcome[] = [];
    for (const { sql, params } of statements) {
      const result = await runner.query(sql, params, true);
      outcomes.push({ records: result.records ?? [], affected: result.affected ?? 0 });
    }
    return outcomes;
  } finally {
    await own?.release();
  }
}

/** The callback API of a pooled mysql2 connection (what TypeORM's MySQL runner holds). */
interface Mysql2Connection {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

async function onMysql(manager: EntityManager, runner: QueryRunner, statements: Statement[], commit: boolean): Promise<Outcome[]> {
  const edges = transactionEdges(runner, commit);
  const all = [...(edges.start ? [BEGIN] : []), ...statements, ...(edges.commit ? [COMMIT] : [])];
  const sql = all.map((s) => s.sql).join(";\n");
  const params = all.flatMap((s) => s.params);
  const connection = (await runner.connect()) as Mysql2Connection;
  manager.connection.logger.logQuery(sql, params, runner);
  const raw = await new Promise<unknown>((resolve, reject) => {
    connection.query(sql, params, (error, result) => (error ? reject(new QueryFailedError(sql, params, error)) : resolve(result)));
  });
  if (edges.commit) committedWith(runner);
  const outcomes = all.length > 1 ? (raw as unknown[]).map(outcomeOf) : [outcomeOf(raw)];
  return outcomes.slice(edges.start ? 1 : 0, edges.start ? statements.length + 1 : statements.length);
}

const BEGIN: Statement = { sql: "START TRANSACTION", params: [] };
const COMMIT: Statement = { sql: "COMMIT", params: [] };

/** mysql2 gives rows (SELECT) or a result header with `affectedRows` per statement. */
function outcomeOf(raw: unknown): Outcome {
  if (Array.isArray(raw)) return { records: raw as Record<string, unknown>[], affected: 0 };
  return { records: [], affected: Number((raw as { affectedRows?: number } | undefined)?.affectedRows ?? 0) };
}
