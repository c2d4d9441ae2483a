/**
 * The writes of one command, queued in order and sent together (one round trip on MySQL). Consecutive
 * inserts into the same table become one multi-row INSERT; an update may say what to throw when it
 * changes no row (checked after the batch ran, before the caller commits).
 */
import type { EntityManager, ObjectLiteral } from "typeorm";
import { execute, type ExecuteOptions } from "./execute.ts";
import { insertStatement, tableOf, updateStatement, type Statement, type Where } from "./sql.ts";

type Queued =
  | { kind: "insert"; entity: string; rows: object[] }
  | { kind: "update"; entity: string; where: Where; changes: object; onMiss?: () => Error };

/** Queued inserts and updates, run in order by `run`. */
export class Writes {
  private readonly queue: Queued[] = [];

  /** Queues a row insert (merged with an insert into the same table queued just before). */
  insert<T extends ObjectLiteral>(entity: string, row: Omit<T, "id"> | T): this {
    const last = this.queue.at(-1);
    if (last?.kind === "insert" && last.entity === entity) last.rows.push(row);
    else this.queue.push({ kind: "insert", entity, rows: [row] });
    return this;
  }

  /** Queues an update of the rows matching `where`; `onMiss` gives the error to throw when none changed. */
  update<T extends ObjectLiteral>(entity: string, where: Partial<T>, changes: Partial<T>, onMiss?: () => Error): this {
    this.queue.push({ kind: "update", entity, where: where as Where, changes, ...(onMiss ? { onMiss } : {}) });
    return this;
  }

  /**
   * Runs everything queued (and empties the queue); throws the first `onMiss` error of an update that
   * changed nothing. `commit`: see `execute` (only when every `onMiss` condition is held by row locks).
   */
  async run(manager: EntityManager, options: ExecuteOptions = {}): Promise<void> {
    const queued = this.queue.splice(0);
    if (queued.length === 0) return;
    const outcomes = await execute(manager, queued.map((item) => statementOf(manager, item)), options);
    queued.forEach((item, i) => {
      if (item.kind === "update" && item.onMiss && outcomes[i]?.affected === 0) throw item.onMiss();
    });
  }
}

function statementOf(manager: EntityManager, item: Queued): Statement {
  const table = tableOf(manager.connection, item.entity);
  return item.kind === "insert"
    ? insertStatement(manager.connection, table, item.rows as Record<string, unknown>[])
    : updateStatement(manager.connection, table, item.where, item.changes as Record<string, unknown>);
}
