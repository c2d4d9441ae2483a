import { TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Deferred open tasks by pool: the inbox total counts a pool's open tasks on ix_tasks_inbox and subtracts its
 * deferred ones (visible_from in the future) on this index, both without reading the rows.
 */
export class AddTaskDeferredIndex1763980000001 implements MigrationInterface {
  name = "AddTaskDeferredIndex1763980000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex("tasks", new TableIndex({ name: "ix_tasks_deferred", columnNames: ["status", "visible_from", "role", "store"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("tasks", "ix_tasks_deferred");
  }
}
