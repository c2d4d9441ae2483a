import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/**
 * Connectors: configured instances (configuration encrypted at rest), and on the outbox what delivery
 * needs: who the message is for (quiet hours hold customer messages), the provider's id (status callbacks
 * find the message by it), what was rendered, the provider's answer, and when it was delivered.
 */
export class CreateConnectorTables1764100000000 implements MigrationInterface {
  name = "CreateConnectorTables1764100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "connector_instances",
        columns: [
          { ...c.string("name", 64), isPrimary: true },
          c.string("connector", 64),
          c.text("config", false),
          c.bool("enabled", true),
          c.datetime("created_at", false),
          c.datetime("updated_at", false),
          c.string("updated_by", 64, true),
        ],
      }),
    );
    await queryRunner.addColumns("outbox", [
      new TableColumn(c.string("audience", 16, true)),
      new TableColumn(c.string("provider_id", 191, true)),
      new TableColumn(c.json("rendered", true)),
      new TableColumn(c.json("result", true)),
      new TableColumn(c.datetime("delivered_at")),
    ]);
    await queryRunner.createIndex("outbox", new TableIndex({ name: "ix_outbox_provider", columnNames: ["connector", "provider_id"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("outbox", "ix_outbox_provider");
    for (const column of ["delivered_at", "result", "rendered", "provider_id", "audience"]) await queryRunner.dropColumn("outbox", column);
    await queryRunner.dropTable("connector_instances");
  }
}
