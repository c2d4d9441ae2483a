import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/**
 * A user's phone extension (the operator's desk phone on the PBX): click-to-call rings it first, and an
 * incoming call's screen pop goes to the user whose extension the PBX rings.
 */
export class AddUserPhoneExtension1764100000001 implements MigrationInterface {
  name = "AddUserPhoneExtension1764100000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.addColumn("users", new TableColumn(c.string("extension", 32, true)));
    await queryRunner.createIndex("users", new TableIndex({ name: "ix_users_extension", columnNames: ["extension"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("users", "ix_users_extension");
    await queryRunner.dropColumn("users", "extension");
  }
}
