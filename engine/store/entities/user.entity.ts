import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A staff user or integrator. */
export interface UserRow {
  id: string;
  login: string;
  name: string;
  /** `scrypt$<salt hex>$<key hex>`. */
  passwordHash: string;
  roles: string[];
  store: string | null;
  team: string | null;
  active: boolean;
  createdAt: Date;
  /** Phone extension on the PBX (click-to-call rings it; screen pops find the user by it). */
  extension?: string | null;
}

/** The `users` table. */
export function userEntity(dialect: Dialect): EntitySchema<UserRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<UserRow>({
    name: "User",
    tableName: "users",
    columns: {
      id: c.uuid(),
      login: c.string("login", 128),
      name: c.string("name", 255),
      passwordHash: c.string("password_hash", 255),
      roles: c.json("roles", false),
      store: c.string("store", 64, true),
      team: c.string("team", 64, true),
      active: c.bool("active"),
      createdAt: c.datetime("created_at", false),
      extension: c.string("extension", 32, true),
    },
  });
}
