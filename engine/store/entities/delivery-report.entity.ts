import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A provider's delivery report kept until its message's provider id is recorded. */
export interface DeliveryReportRow {
  id: number;
  instance: string;
  providerId: string;
  status: string;
  error: string | null;
  /** When the provider says it happened (ISO text as given). */
  reportedAt: string | null;
  receivedAt: Date;
}

/** The `delivery_reports` table. */
export function deliveryReportEntity(dialect: Dialect): EntitySchema<DeliveryReportRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<DeliveryReportRow>({
    name: "DeliveryReport",
    tableName: "delivery_reports",
    columns: {
      id: c.serial(),
      instance: c.string("instance", 64),
      providerId: c.string("provider_id", 191),
      status: c.string("status", 16),
      error: c.text("error", true),
      reportedAt: c.string("reported_at", 40, true),
      receivedAt: c.datetime("received_at", false),
    },
  });
}
