import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/** Teams (each with a manager) and the indexes access checks use: users by team, tasks by assignee and role. */
export class CreateTeams1763950000000 implements MigrationInterface {
  name = "CreateTeams1763950000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "teams",
        columns: [{ ...c.string("id", 64), isPrimary: true }, c.string("name", 255), c.string("manager_id", 36, true)],
        indices: [new TableIndex({ name: "ix_teams_manager", columnNames: ["manager_id"] })],
      }),
    );
    await queryRunner.createIndex("users", new TableIndex({ name: "ix_users_team", columnNames: ["team"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("users", "ix_users_team");
    await queryRunner.dropTable("teams");
  }
}
