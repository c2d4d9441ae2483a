import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Route versions and deals. */
export class CreateRoutesAndDeals1763900000000 implements MigrationInterface {
  name = "CreateRoutesAndDeals1763900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "route_versions",
        columns: [
          c.serial(),
          c.string("route_key"),
          c.int("version"),
          c.string("name", 255),
          c.text("xml"),
          c.json("compiled", false),
          c.json("issues", false),
          c.datetime("published_at", false),
          c.string("published_by", 191, true),
        ],
        indices: [new TableIndex({ name: "uq_route_versions_key_version", columnNames: ["route_key", "version"], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "deals",
        columns: [
          c.uuid(),
          c.string("external_id"),
          c.int("route_version_id"),
          c.string("route_key"),
          c.string("status", 16),
          c.string("outcome", 8, true),
          c.string("stage", 191, true),
          c.json("snapshot", false),
          c.json("data", false),
          c.string("store", 64, true),
          c.string("city", 128, true),
          c.string("customer_phone", 32, true),
          c.string("lost_reason", 64, true),
          c.string("lost_role", 64, true),
          c.string("lost_stage", 191, true),
          c.datetime("created_at", false),
          c.datetime("updated_at", false),
          c.datetime("ended_at"),
          c.int("version", false, 0),
        ],
        indices: [
          new TableIndex({ name: "uq_deals_external_id", columnNames: ["external_id"], isUnique: true }),
          new TableIndex({ name: "ix_deals_status_stage", columnNames: ["status", "stage"] }),
          new TableIndex({ name: "ix_deals_store_status", columnNames: ["store", "status"] }),
          new TableIndex({ name: "ix_deals_route_version", columnNames: ["route_version_id", "status"] }),
          new TableIndex({ name: "ix_deals_created_at", columnNames: ["created_at"] }),
          new TableIndex({ name: "ix_deals_customer_phone", columnNames: ["customer_phone"] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("deals");
    await queryRunner.dropTable("route_versions");
  }
}
