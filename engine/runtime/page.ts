import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { Problem } from "../problem.ts";
import type { ListQuery } from "./contract.ts";

/** Applies react-admin filters, sort and range to a query, allowing only the listed fields (field → property). */
export function applyListQuery<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  list: ListQuery,
  fields: Record<string, string>,
  defaultSort: [string, "ASC" | "DESC"],
): SelectQueryBuilder<T> {
  const alias = query.alias;
  for (const [field, value] of Object.entries(list.filter ?? {})) {
    if (value === undefined || value === "") continue;
    const property = fields[field];
    if (!property) throw new Problem(400, "Unknown filter", `Cannot filter on "${field}".`, [{ pointer: `/filter/${field}`, message: `Filter on one of: ${Object.keys(fields).join(", ")}.` }]);
    const param = `f_${field}`;
    if (Array.isArray(value)) {
      if (value.length === 0) query.andWhere("1 = 0");
      else query.andWhere(`${alias}.${property} IN (:...${param})`, { [param]: value });
    } else if (value === null) query.andWhere(`${alias}.${property} IS NULL`);
    else query.andWhere(`${alias}.${property} = :${param}`, { [param]: value });
  }
  const [sortField, order] = list.sort ?? defaultSort;
  const sortProperty = fields[sortField];
  if (!sortProperty) throw new Problem(400, "Unknown sort field", `Cannot sort on "${sortField}".`, [{ pointer: "/sort/0", message: `Sort on one of: ${Object.keys(fields).join(", ")}.` }]);
  query.orderBy(`${alias}.${sortProperty}`, order);
  const idProperty = fields.id ?? "id";
  if (sortProperty !== idProperty) query.addOrderBy(`${alias}.${idProperty}`, order);
  const [start, end] = list.range ?? [0, 24];
  return query.skip(start).take(end - start + 1);
}
