import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A session or API token, stored only as its sha256 hash. */
export interface AuthTokenRow {
  tokenHash: string;
  userId: string;
  kind: "session" | "api";
  createdAt: Date;
  expiresAt: Date | null;
}

/** The `auth_tokens` table. */
export function authTokenEntity(dialect: Dialect): EntitySchema<AuthTokenRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<AuthTokenRow>({
    name: "AuthToken",
    tableName: "auth_tokens",
    columns: {
      tokenHash: { ...c.string("token_hash", 64), primary: true },
      userId: c.string("user_id", 36),
      kind: c.string("kind", 16),
      createdAt: c.datetime("created_at", false),
      expiresAt: c.datetime("expires_at"),
    },
  });
}
