import { TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Failed firing attempts of a timer and the last error, so that one failing timer is backed off, not retried in a loop. */
export class AddTimerAttempts1763980000000 implements MigrationInterface {
  name = "AddTimerAttempts1763980000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.addColumns("timers", [new TableColumn(c.int("attempts", false, 0)), new TableColumn(c.text("last_error", true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("timers", "last_error");
    await queryRunner.dropColumn("timers", "attempts");
  }
}
