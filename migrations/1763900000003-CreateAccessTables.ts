import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Users, tokens, the reasons catalogue and stores. */
export class CreateAccessTables1763900000003 implements MigrationInterface {
  name = "CreateAccessTables1763900000003";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "users",
        columns: [
          c.uuid(),
          c.string("login", 128),
          c.string("name", 255),
          c.string("password_hash", 255),
          c.json("roles", false),
          c.string("store", 64, true),
          c.string("team", 64, true),
          c.bool("active", true),
          c.datetime("created_at", false),
        ],
        indices: [
          new TableIndex({ name: "uq_users_login", columnNames: ["login"], isUnique: true }),
          new TableIndex({ name: "ix_users_store", columnNames: ["store"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "auth_tokens",
        columns: [
          { ...c.string("token_hash", 64), isPrimary: true },
          c.string("user_id", 36),
          c.string("kind", 16),
          c.datetime("created_at", false),
          c.datetime("expires_at"),
        ],
        indices: [new TableIndex({ name: "ix_auth_tokens_user", columnNames: ["user_id"] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "reasons",
        columns: [
          { ...c.string("code", 64), isPrimary: true },
          c.string("label_en", 255),
          c.string("label_ru", 255),
          c.json("roles", false),
          c.json("stages", false),
          c.bool("active", true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "stores",
        columns: [{ ...c.string("id", 64), isPrimary: true }, c.string("name", 255), c.string("city", 128, true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("stores");
    await queryRunner.dropTable("reasons");
    await queryRunner.dropTable("auth_tokens");
    await queryRunner.dropTable("users");
  }
}
