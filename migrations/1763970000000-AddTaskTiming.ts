import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Task timing and checklist columns, task-level timers, and store working calendars (issue 3). */
export class AddTaskTiming1763970000000 implements MigrationInterface {
  name = "AddTaskTiming1763970000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.addColumns("tasks", [new TableColumn(c.datetime("almost_due_at")), new TableColumn(c.json("checklist"))]);
    // a task's own timers (visible, almost due, overdue, reminder) name their task; a deal's timers leave it null
    await queryRunner.addColumn("timers", new TableColumn(c.string("task_id", 36, true)));
    await queryRunner.createIndex("timers", new TableIndex({ name: "ix_timers_task", columnNames: ["task_id", "status"] }));
    await queryRunner.addColumn("stores", new TableColumn(c.json("calendar")));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("stores", "calendar");
    await queryRunner.dropIndex("timers", "ix_timers_task");
    await queryRunner.dropColumn("timers", "task_id");
    await queryRunner.dropColumn("tasks", "checklist");
    await queryRunner.dropColumn("tasks", "almost_due_at");
  }
}
