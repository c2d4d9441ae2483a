import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { tableColumns } from "../engine/store/columns.ts";

/**
 * Delivery reports that arrived before the message they are about was recorded as sent (an SMPP receipt
 * can beat the dispatcher's bookkeeping); applied as soon as the message's provider id is known.
 */
export class CreateDeliveryReports1764100000002 implements MigrationInterface {
  name = "CreateDeliveryReports1764100000002";

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = tableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: "delivery_reports",
        columns: [c.serial(), c.string("instance", 64), c.string("provider_id", 191), c.string("status", 16), c.text("error", true), c.string("reported_at", 40, true), c.datetime("received_at", false)],
        indices: [new TableIndex({ name: "ix_delivery_reports_provider", columnNames: ["instance", "provider_id"] }), new TableIndex({ name: "ix_delivery_reports_received", columnNames: ["received_at"] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("delivery_reports");
  }
}
