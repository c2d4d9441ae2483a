import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Tasks, durable timers and the outbox. */
export class CreateWorkTables1763900000001 implements MigrationInterface {
  name = "CreateWorkTables1763900000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "tasks",
        columns: [
          c.uuid(),
          c.string("deal_id", 36),
          c.string("token", 64),
          c.string("element_id"),
          c.string("title", 500),
          c.text("description", true),
          c.string("role", 64, true),
          c.string("store", 64, true),
          c.string("stage", 191, true),
          c.string("status", 16),
          c.json("outcomes", false),
          c.string("outcome", 191, true),
          c.string("reason", 64, true),
          c.string("assignee", 36, true),
          c.string("completed_by", 36, true),
          c.datetime("created_at", false),
          c.datetime("due_at"),
          c.datetime("visible_from"),
          c.datetime("completed_at"),
        ],
        indices: [
          new TableIndex({ name: "uq_tasks_deal_token", columnNames: ["deal_id", "token"], isUnique: true }),
          new TableIndex({ name: "ix_tasks_inbox", columnNames: ["status", "role", "store", "due_at"] }),
          new TableIndex({ name: "ix_tasks_assignee", columnNames: ["assignee", "status", "due_at"] }),
          new TableIndex({ name: "ix_tasks_status_due", columnNames: ["status", "due_at"] }),
          new TableIndex({ name: "ix_tasks_stage", columnNames: ["stage", "status"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "timers",
        columns: [
          c.serial(),
          c.string("deal_id", 36, true),
          c.int("route_version_id"),
          c.string("token", 64),
          c.string("timer"),
          c.string("element_id"),
          c.datetime("due_at", false),
          c.string("status", 16),
          c.string("claimed_by", 64, true),
          c.datetime("claimed_at"),
          c.datetime("fired_at"),
        ],
        indices: [
          new TableIndex({ name: "ix_timers_status_due", columnNames: ["status", "due_at"] }),
          new TableIndex({ name: "ix_timers_deal_token", columnNames: ["deal_id", "token", "timer"] }),
          new TableIndex({ name: "ix_timers_route_version", columnNames: ["route_version_id", "status"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "outbox",
        columns: [
          c.serial(),
          c.string("deal_id", 36, true),
          c.string("token", 64, true),
          c.string("element_id", 191, true),
          c.string("connector", 64),
          c.string("action", 64),
          c.string("template", 191, true),
          c.json("payload", false),
          c.string("idempotency_key", 255),
          c.string("status", 16),
          c.int("attempts", false, 0),
          c.datetime("next_attempt_at"),
          c.text("last_error", true),
          c.string("claimed_by", 64, true),
          c.datetime("claimed_at"),
          c.datetime("created_at", false),
          c.datetime("sent_at"),
        ],
        indices: [
          new TableIndex({ name: "uq_outbox_idempotency_key", columnNames: ["idempotency_key"], isUnique: true }),
          new TableIndex({ name: "ix_outbox_status_next", columnNames: ["status", "next_attempt_at"] }),
          new TableIndex({ name: "ix_outbox_deal", columnNames: ["deal_id"] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("outbox");
    await queryRunner.dropTable("timers");
    await queryRunner.dropTable("tasks");
  }
}
