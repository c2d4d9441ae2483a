/**
 * Row writes and reads by entity name, as raw parameterised SQL (see sql.ts): no query builder on the
 * command path. Conditions are equalities on properties (`null` = IS NULL, `subselect(…)` = a scalar subquery).
 */
import type { EntityManager, ObjectLiteral } from "typeorm";
import { execute } from "./execute.ts";
import { hydrate, insertStatement, selectStatement, tableOf, updateStatement, type SubSelect, type Where } from "./sql.ts";

/** One read of `readRows`: rows of `entity` matching `where`, locked for the transaction when `lock` is set. */
export interface Read {
  entity: string;
  where: Where;
  /** FOR UPDATE on MySQL (SQLite transactions are serialised anyway). */
  lock?: boolean;
}

/** Inserts one row of an entity (an auto-increment id may be left out). */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: string, row: Omit<T, "id"> | T): Promise<void> {
  await execute(manager, [insertStatement(manager.connection, tableOf(manager.connection, entity), [row])]);
}

/** Updates rows matching `where`; returns how many changed. */
export async function updateRows<T extends ObjectLiteral>(manager: EntityManager, entity: string, where: Partial<T>, changes: Partial<T>): Promise<number> {
  const [outcome] = await execute(manager, [updateStatement(manager.connection, tableOf(manager.connection, entity), where as Where, changes)]);
  return outcome?.affected ?? 0;
}

/** Rows matching `where`, locked for the transaction when `lock` is set. */
export async function selectRows<T extends ObjectLiteral>(manager: EntityManager, entity: string, where: Partial<T>, lock = false): Promise<T[]> {
  const [rows] = await readRows(manager, [{ entity, where: where as Where, lock }]);
  return (rows ?? []) as T[];
}

/** Several reads in order, in one round trip on MySQL; the rows of each. */
export async function readRows(manager: EntityManager, reads: Read[]): Promise<ObjectLiteral[][]> {
  const source = manager.connection;
  const tables = reads.map((read) => tableOf(source, read.entity));
  const outcomes = await execute(manager, reads.map((read, i) => selectStatement(source, tables[i]!, read.where, read.lock ?? false)));
  return outcomes.map((outcome, i) => outcome.records.map((record) => hydrate<ObjectLiteral>(source, tables[i]!, record)));
}

/** A condition value: the `property` of the `entity` row matching `where` (e.g. a task's deal id). */
export function subselect<T extends ObjectLiteral>(entity: string, property: keyof T & string, where: Partial<T>): SubSelect {
  return { kind: "subselect", entity, property, where: where as Where };
}
