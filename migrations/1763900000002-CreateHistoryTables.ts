import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Stage history (the funnel) and the append-only audit log. */
export class CreateHistoryTables1763900000002 implements MigrationInterface {
  name = "CreateHistoryTables1763900000002";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "stage_history",
        columns: [
          c.serial(),
          c.string("deal_id", 36),
          c.string("route_key"),
          c.int("route_version_id"),
          c.string("stage"),
          c.string("stage_kind", 8),
          c.string("store", 64, true),
          c.datetime("entered_at", false),
          c.datetime("left_at"),
          c.string("outcome", 191, true),
          c.string("reason", 64, true),
          c.string("role", 64, true),
          c.string("user_id", 36, true),
        ],
        indices: [
          new TableIndex({ name: "ix_stage_history_deal", columnNames: ["deal_id", "left_at"] }),
          new TableIndex({ name: "ix_stage_history_stage", columnNames: ["stage", "entered_at"] }),
          new TableIndex({ name: "ix_stage_history_entered", columnNames: ["entered_at"] }),
          new TableIndex({ name: "ix_stage_history_reason", columnNames: ["reason", "entered_at"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "audit_log",
        columns: [
          c.serial(),
          c.string("deal_id", 36, true),
          c.string("task_id", 36, true),
          c.string("action", 64),
          c.string("actor_user", 191, true),
          c.string("actor_role", 64, true),
          c.string("from_stage", 191, true),
          c.string("to_stage", 191, true),
          c.json("payload"),
          c.datetime("at", false),
        ],
        indices: [
          new TableIndex({ name: "ix_audit_log_deal", columnNames: ["deal_id", "id"] }),
          new TableIndex({ name: "ix_audit_log_at", columnNames: ["at"] }),
          new TableIndex({ name: "ix_audit_log_action", columnNames: ["action", "at"] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("audit_log");
    await queryRunner.dropTable("stage_history");
  }
}
