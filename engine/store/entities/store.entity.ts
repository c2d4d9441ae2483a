import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A store (hypermarket) that fulfils orders. */
export interface StoreRow {
  id: string;
  name: string;
  city: string | null;
}

/** The `stores` table. */
export function storeEntity(dialect: Dialect): EntitySchema<StoreRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<StoreRow>({
    name: "Store",
    tableName: "stores",
    columns: {
      id: { ...c.string("id", 64), primary: true },
      name: c.string("name", 255),
      city: c.string("city", 128, true),
    },
  });
}
