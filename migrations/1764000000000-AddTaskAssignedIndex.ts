import { TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A person's open assigned tasks with their pool and visibility: the inbox total counts the assigned tasks
 * outside the caller's pools (and their deferred ones) on this index alone, without reading the rows.
 */
export class AddTaskAssignedIndex1764000000000 implements MigrationInterface {
  name = "AddTaskAssignedIndex1764000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex("tasks", new TableIndex({ name: "ix_tasks_assigned_pool", columnNames: ["status", "assignee", "role", "store", "visible_from"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("tasks", "ix_tasks_assigned_pool");
  }
}
