import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A configured connector: routes and notifications name the instance (`sms`, `email`, `shop`), not the connector. */
export interface ConnectorInstanceRow {
  name: string;
  /** The connector's id in the registry (`smtp`, `twilio`, `woocommerce`). */
  connector: string;
  /** The configuration, encrypted (`v1:iv:tag:data`, connectors/sdk/secrets.ts). */
  config: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The `connector_instances` table. */
export function connectorInstanceEntity(dialect: Dialect): EntitySchema<ConnectorInstanceRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<ConnectorInstanceRow>({
    name: "ConnectorInstance",
    tableName: "connector_instances",
    columns: {
      name: { ...c.string("name", 64), primary: true },
      connector: c.string("connector", 64),
      config: c.text("config", false),
      enabled: c.bool("enabled"),
      createdAt: c.datetime("created_at", false),
      updatedAt: c.datetime("updated_at", false),
      updatedBy: c.string("updated_by", 64, true),
    },
  });
}
