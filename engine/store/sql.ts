/**
 * Raw parameterised SQL on an entity's table, for the command hot path: statement text is built once per
 * shape and cached, `?` placeholders work on both mysql2 and better-sqlite3, and values are converted by
 * the TypeORM driver exactly as its query builders would (JSON transformers, dates per dialect).
 */
import type { DataSource, EntityMetadata } from "typeorm";
import { dialectOf } from "./columns.ts";

/** One column of an entity: its property, its database name and TypeORM's metadata. */
type Column = EntityMetadata["columns"][number];

/** What the helpers know about an entity's table. */
export interface Table {
  name: string;
  /** Columns by property name. */
  columns: Map<string, Column>;
  /** `SELECT a, b, … FROM t` of every column. */
  select: string;
  /** Statement texts by shape. */
  statements: Map<string, string>;
}

/** Equality conditions on properties; `null` means IS NULL. */
export type Where = Record<string, unknown>;

/** The cached table description of an entity. */
export function tableOf(source: DataSource, entity: string): Table {
  let tables = cache.get(source);
  if (!tables) cache.set(source, (tables = new Map()));
  let table = tables.get(entity);
  if (!table) tables.set(entity, (table = describe(source, entity)));
  return table;
}

/** A statement and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** A condition value meaning "equals the `property` of the one `entity` row matching `where`" (a scalar subquery). */
export interface SubSelect {
  kind: "subselect";
  entity: string;
  property: string;
  where: Where;
}

/** `INSERT INTO t (…) VALUES (…), (…)` for rows of one shape (the first row's defined keys), with its parameters. */
export function insertStatement(source: DataSource, table: Table, rows: Record<string, unknown>[]): Statement {
  const first = rows[0] ?? {};
  const columns = Object.keys(first).filter((property) => first[property] !== undefined).map((property) => column(table, property));
  const sql = statement(table, `insert:${rows.length}:${columns.map((c) => c.propertyName).join(",")}`, () => {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const names = columns.map((c) => escape(source, c.databaseName)).join(", ");
    return `INSERT INTO ${escape(source, table.name)} (${names}) VALUES ${Array.from(rows, () => tuple).join(", ")}`;
  });
  const params = rows.flatMap((row) => columns.map((c) => persist(source, c, row[c.propertyName])));
  return { sql, params };
}

/** `UPDATE t SET … WHERE …` with its parameters. */
export function updateStatement(source: DataSource, table: Table, where: Where, changes: Record<string, unknown>): Statement {
  const set = Object.keys(changes).map((property) => column(table, property));
  const condition = conditionOf(source, table, where);
  const sql = statement(table, `update:${set.map((c) => c.propertyName).join(",")}:${condition.key}`, () => {
    const assignments = set.map((c) => `${escape(source, c.databaseName)} = ?`).join(", ");
    return `UPDATE ${escape(source, table.name)} SET ${assignments}${condition.sql}`;
  });
  return { sql, params: [...set.map((c) => persist(source, c, changes[c.propertyName])), ...condition.params] };
}

/** `SELECT <every column> FROM t WHERE …` (plus `FOR UPDATE` on MySQL when locking) with its parameters. */
export function selectStatement(source: DataSource, table: Table, where: Where, lock: boolean): Statement {
  const condition = conditionOf(source, table, where);
  const forUpdate = lock && dialectOf(source) === "mysql";
  const sql = statement(table, `select:${condition.key}:${forUpdate}`, () => `${table.select}${condition.sql}${forUpdate ? " FOR UPDATE" : ""}`);
  return { sql, params: condition.params };
}

/** Turns a database record into an entity row (property names, hydrated values). */
export function hydrate<T>(source: DataSource, table: Table, record: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const c of table.columns.values()) row[c.propertyName] = source.driver.prepareHydratedValue(record[c.databaseName], c);
  return row as T;
}

const cache = new WeakMap<DataSource, Map<string, Table>>();

function describe(source: DataSource, entity: string): Table {
  const metadata = source.getMetadata(entity);
  const columns = new Map(metadata.columns.map((c) => [c.propertyName, c]));
  const name = metadata.tableName;
  const list = metadata.columns.map((c) => escape(source, c.databaseName)).join(", ");
  return { name, columns, select: `SELECT ${list} FROM ${escape(source, name)}`, statements: new Map() };
}

function conditionOf(source: DataSource, table: Table, where: Where): { sql: string; key: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(where)) {
    const c = column(table, property);
    if (value === null) parts.push(`${escape(source, c.databaseName)} IS NULL`);
    else if (isSubSelect(value)) {
      const inner = tableOf(source, value.entity);
      const condition = conditionOf(source, inner, value.where);
      const selected = escape(source, column(inner, value.property).databaseName);
      parts.push(`${escape(source, c.databaseName)} = (SELECT ${selected} FROM ${escape(source, inner.name)}${condition.sql})`);
      params.push(...condition.params);
    } else {
      parts.push(`${escape(source, c.databaseName)} = ?`);
      params.push(persist(source, c, value));
    }
  }
  const sql = parts.length ? ` WHERE ${parts.join(" AND ")}` : "";
  return { sql, key: sql, params };
}

function isSubSelect(value: unknown): value is SubSelect {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "subselect";
}

function statement(table: Table, key: string, build: () => string): string {
  let sql = table.statements.get(key);
  if (sql === undefined) table.statements.set(key, (sql = build()));
  return sql;
}

function column(table: Table, property: string): Column {
  const c = table.columns.get(property);
  if (!c) throw new Error(`${table.name} has no column for property "${property}"`);
  return c;
}

function persist(source: DataSource, c: Column, value: unknown): unknown {
  const prepared = source.driver.preparePersistentValue(value, c);
  return prepared === undefined ? null : prepared;
}

function escape(source: DataSource, name: string): string {
  return source.driver.escape(name);
}
