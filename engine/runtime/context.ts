import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { Problem } from "../problem.ts";
import type { Route } from "../core/route.ts";
import { dialectOf, Entities, type Dialect, type RouteVersionRow } from "../store/index.ts";

/** Options of `createServices`. */
export interface RuntimeOptions {
  /** The clock (tests inject one). */
  now?: () => Date;
  /** Name of this engine process, written on claimed timers. */
  instanceId?: string;
  /** Lifetime of a login session in ms (default 12 h). */
  sessionTtlMs?: number;
  /** How long a claimed timer stays claimed before another process may take it over (default 60 s). */
  claimLeaseMs?: number;
}

/** A published version as the runtime caches it (versions are immutable). */
export interface CachedVersion {
  id: number;
  key: string;
  version: number;
  route: Route;
}

/** What every service shares: the database, the clock, this process's id and the route cache. */
export interface RuntimeContext {
  dataSource: DataSource;
  dialect: Dialect;
  now: () => Date;
  instanceId: string;
  sessionTtlMs: number;
  claimLeaseMs: number;
  /** A route version by id (cached); Problem 404 when unknown. */
  version(manager: EntityManager, id: number): Promise<CachedVersion>;
}

/** Builds the shared runtime context. */
export function createContext(dataSource: DataSource, options: RuntimeOptions = {}): RuntimeContext {
  const cache = new Map<number, CachedVersion>();
  return {
    dataSource,
    dialect: dialectOf(dataSource),
    now: options.now ?? (() => new Date()),
    instanceId: options.instanceId ?? `engine-${randomUUID().slice(0, 8)}`,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3_600_000,
    claimLeaseMs: options.claimLeaseMs ?? 60_000,
    async version(manager, id) {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = await manager.getRepository<RouteVersionRow>(Entities.RouteVersion).findOneBy({ id });
      if (!row) throw new Problem(404, "Route version not found", `No route version ${id}.`);
      const entry = { id: row.id, key: row.routeKey, version: row.version, route: row.compiled };
      cache.set(id, entry);
      return entry;
    },
  };
}
