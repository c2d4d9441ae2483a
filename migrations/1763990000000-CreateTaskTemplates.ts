import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Reusable task templates, referenced by user tasks with `or:task template="<id>"` (issue 3). */
export class CreateTaskTemplates1763990000000 implements MigrationInterface {
  name = "CreateTaskTemplates1763990000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "task_templates",
        columns: [
          { ...c.string("id", 64), isPrimary: true },
          c.string("title", 500),
          c.text("description", true),
          c.text("instructions", true),
          c.json("checklist", false),
          c.string("deadline", 255, true),
          c.json("slot"),
          c.string("deferral", 64, true),
          c.string("reminder", 64, true),
          c.json("observers", false),
          c.int("priority", true),
          c.bool("active", true),
          c.datetime("updated_at", false),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("task_templates");
  }
}
