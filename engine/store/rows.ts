import type { EntityManager, FindOptionsWhere, ObjectLiteral } from "typeorm";

/**
 * Inserts one row of an entity. (TypeORM's deep-partial insert type rejects JSON-typed properties such as
 * `Record<string, unknown>`; the row type here is the entity's own row interface, so the cast is safe.)
 */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: string, row: Omit<T, "id"> | T): Promise<void> {
  await manager.getRepository<T>(entity).insert(row as never);
}

/** Updates rows matching `where`; returns how many changed. */
export async function updateRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: string,
  where: FindOptionsWhere<T>,
  changes: Partial<T>,
): Promise<number> {
  const result = await manager.getRepository<T>(entity).update(where, changes as never);
  return result.affected ?? 0;
}
