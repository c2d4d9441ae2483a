import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** In-app notifications per user and each user's connector preferences. */
export class CreateNotifications1763960000000 implements MigrationInterface {
  name = "CreateNotifications1763960000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "notifications",
        columns: [
          c.uuid(),
          c.string("user_id", 36),
          c.string("kind", 32),
          c.string("deal_id", 36, true),
          c.string("task_id", 36, true),
          c.string("title", 255),
          c.text("body", true),
          c.json("payload"),
          c.datetime("created_at", false),
          c.datetime("read_at"),
        ],
        indices: [
          // a user's list and the stream's replay (ids are time-ordered)
          new TableIndex({ name: "ix_notifications_user_id", columnNames: ["user_id", "id"] }),
          // a user's unread list and unread count (read_at IS NULL)
          new TableIndex({ name: "ix_notifications_user_unread", columnNames: ["user_id", "read_at", "id"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "notification_prefs",
        columns: [{ ...c.string("user_id", 36), isPrimary: true }, c.json("prefs", false), c.datetime("updated_at", false)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("notification_prefs");
    await queryRunner.dropTable("notifications");
  }
}
