/**
 * Database differences in one place: the column types and value conversions that differ between SQLite
 * (better-sqlite3) and MySQL/MariaDB (mysql2). Entities and migrations both take their types from here.
 */
import type { DataSource, EntitySchemaColumnOptions, QueryRunner, TableColumnOptions, ValueTransformer } from "typeorm";

/** The two database families the engine runs on. */
export type Dialect = "sqlite" | "mysql";

/** The dialect of a data source (or of a migration's query runner). */
export function dialectOf(source: DataSource | QueryRunner): Dialect {
  const type = "connection" in source ? source.connection.options.type : source.options.type;
  return type === "mysql" || type === "mariadb" ? "mysql" : "sqlite";
}

/** Serialises JSON values to text and back. */
export const jsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: unknown) => (typeof value === "string" ? JSON.parse(value) : (value ?? null)),
};

/** Entity column factories for one dialect (EntitySchema options; no decorators). */
export function entityColumns(dialect: Dialect) {
  const mysql = dialect === "mysql";
  return {
    /** Auto-increment integer primary key. */
    serial: (): EntitySchemaColumnOptions => ({ type: mysql ? "int" : "integer", primary: true, generated: "increment" }),
    /** UUID (or other short string) primary key set by the application. */
    uuid: (): EntitySchemaColumnOptions => ({ type: "varchar", length: 36, primary: true }),
    string: (name: string, length = 191, nullable = false): EntitySchemaColumnOptions => ({ name, type: "varchar", length, nullable }),
    int: (name: string, nullable = false): EntitySchemaColumnOptions => ({ name, type: mysql ? "int" : "integer", nullable }),
    bool: (name: string): EntitySchemaColumnOptions => ({ name, type: "boolean" }),
    /** Long text (BPMN XML). */
    text: (name: string, nullable = false): EntitySchemaColumnOptions => ({ name, type: mysql ? "longtext" : "text", nullable }),
    /** JSON stored as text, (de)serialised by the entity. */
    json: (name: string, nullable = true): EntitySchemaColumnOptions => ({
      name,
      type: mysql ? "longtext" : "text",
      nullable,
      transformer: jsonTransformer,
    }),
    /** A UTC date-time with millisecond precision. */
    datetime: (name: string, nullable = true): EntitySchemaColumnOptions =>
      mysql ? { name, type: "datetime", precision: 3, nullable } : { name, type: "datetime", nullable },
  };
}

/** Table column factories for migrations, given the migration's query runner. */
export function tableColumns(queryRunner: QueryRunner) {
  const mysql = dialectOf(queryRunner) === "mysql";
  return {
    serial: (name = "id"): TableColumnOptions => ({
      name,
      type: mysql ? "int" : "integer",
      isPrimary: true,
      isGenerated: true,
      generationStrategy: "increment",
    }),
    uuid: (name = "id"): TableColumnOptions => ({ name, type: "varchar", length: "36", isPrimary: true }),
    string: (name: string, length = 191, nullable = false): TableColumnOptions => ({ name, type: "varchar", length: String(length), isNullable: nullable }),
    int: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: mysql ? "int" : "integer",
      isNullable: nullable,
      default: defaultValue,
    }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: "boolean", default: defaultValue ? 1 : 0 }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: mysql ? "longtext" : "text", isNullable: nullable }),
    json: (name: string, nullable = true): TableColumnOptions => ({ name, type: mysql ? "longtext" : "text", isNullable: nullable }),
    datetime: (name: string, nullable = true): TableColumnOptions =>
      mysql ? { name, type: "datetime", precision: 3, isNullable: nullable } : { name, type: "datetime", isNullable: nullable },
  };
}
