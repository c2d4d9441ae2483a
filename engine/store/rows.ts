/**
 * Row writes and reads by entity name, as raw parameterised SQL (see sql.ts): no query builder on the
 * command path. Conditions are equalities on properties (`null` = IS NULL).
 */
import type { EntityManager, ObjectLiteral } from "typeorm";
import { hydrate, insertStatement, run, selectStatement, tableOf, updateStatement, type Where } from "./sql.ts";

/** Inserts one row of an entity (an auto-increment id may be left out). */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: string, row: Omit<T, "id"> | T): Promise<void> {
  await insertRows<T>(manager, entity, [row]);
}

/** Inserts rows of one entity and one shape in a single statement (nothing for an empty list). */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: string, rows: (Omit<T, "id"> | T)[]): Promise<void> {
  if (rows.length === 0) return;
  const { sql, params } = insertStatement(manager.connection, tableOf(manager.connection, entity), rows);
  await run(manager, sql, params);
}

/** Updates rows matching `where`; returns how many changed. */
export async function updateRows<T extends ObjectLiteral>(manager: EntityManager, entity: string, where: Partial<T>, changes: Partial<T>): Promise<number> {
  const { sql, params } = updateStatement(manager.connection, tableOf(manager.connection, entity), where as Where, changes);
  return (await run(manager, sql, params)).affected;
}

/** Rows matching `where`, locked for the transaction when `lock` is set (FOR UPDATE on MySQL; SQLite serialises anyway). */
export async function selectRows<T extends ObjectLiteral>(manager: EntityManager, entity: string, where: Partial<T>, lock = false): Promise<T[]> {
  const table = tableOf(manager.connection, entity);
  const { sql, params } = selectStatement(manager.connection, table, where as Where, lock);
  return (await run(manager, sql, params)).records.map((record) => hydrate<T>(manager.connection, table, record));
}
