import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";
import type { Route } from "../../core/route.ts";
import type { RouteIssue } from "../../model/types.ts";

/** A published, immutable route version. */
export interface RouteVersionRow {
  id: number;
  routeKey: string;
  version: number;
  name: string;
  xml: string;
  compiled: Route;
  issues: RouteIssue[];
  publishedAt: Date;
  publishedBy: string | null;
}

/** The `route_versions` table. */
export function routeVersionEntity(dialect: Dialect): EntitySchema<RouteVersionRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<RouteVersionRow>({
    name: "RouteVersion",
    tableName: "route_versions",
    columns: {
      id: c.serial(),
      routeKey: c.string("route_key"),
      version: c.int("version"),
      name: c.string("name", 255),
      xml: c.text("xml"),
      compiled: c.json("compiled", false),
      issues: c.json("issues", false),
      publishedAt: c.datetime("published_at", false),
      publishedBy: c.string("published_by", 191, true),
    },
  });
}
