import type { EntityManager } from "typeorm";
import { nextStartTimers } from "../core/index.ts";
import type { Route } from "../core/route.ts";
import { compileRoute } from "../model/index.ts";
import type { RouteIssue } from "../model/types.ts";
import { Problem } from "../problem.ts";
import { Entities, inTransaction, insertRow, isUniqueViolation, updateRows, type AuditRow, type DealRow, type RouteVersionRow, type TimerRow } from "../store/index.ts";
import type { RuntimeContext } from "./context.ts";
import type { Caller, ListQuery, Page, RouteVersionView, RoutesService } from "./contract.ts";
import { applyListQuery } from "./page.ts";
import { templateRefIssues } from "./stored-templates.ts";
import { routeVersionView } from "./views.ts";

/** Token of route-level timers (start events), which belong to no deal. */
export const START_TIMER_TOKEN = "start";

/** Publishing and reading route versions. */
export function routesService(ctx: RuntimeContext): RoutesService {
  return {
    validate: (xml) => compileRoute(xml),

    async publish(xml: string, caller?: Caller): Promise<RouteVersionView> {
      const result = await compileRoute(xml);
      const errors = result.issues.filter((issue) => issue.severity === "error");
      if (!result.ok || !result.route || errors.length) {
        throw new Problem(
          422,
          "Route refused",
          `The engine cannot run this route: ${errors.length} error(s).`,
          errors.map((issue) => ({ element: issue.element, name: issue.name, message: issue.message })),
        );
      }
      const refused = await templateRefIssues(ctx.dataSource.manager, result.route);
      if (refused.length) throw new Problem(422, "Route refused", `The route references ${refused.length} unknown or retired task template(s).`, refused);
      const row = await publishCompiled(ctx, result.route, { xml, issues: result.issues, publishedBy: caller?.login ?? null });
      return routeVersionView(row, 0);
    },

    async list(query: ListQuery): Promise<Page<RouteVersionView>> {
      const qb = ctx.dataSource.getRepository<RouteVersionRow>(Entities.RouteVersion).createQueryBuilder("rv");
      const fields = { id: "id", key: "routeKey", version: "version", name: "name", publishedAt: "publishedAt" };
      applyListQuery(qb, query, fields, ["id", "DESC"]);
      const [rows, total] = await qb.getManyAndCount();
      const running = await runningDeals(ctx, rows.map((row) => row.id));
      return { items: rows.map((row) => routeVersionView(row, running.get(Number(row.id)) ?? 0)), total };
    },

    async get(id: number): Promise<RouteVersionView & { xml: string }> {
      const row = await ctx.dataSource.getRepository<RouteVersionRow>(Entities.RouteVersion).findOneBy({ id });
      if (!row) throw new Problem(404, "Route version not found", `No route version ${id}.`);
      const running = await runningDeals(ctx, [row.id]);
      return { ...routeVersionView(row, running.get(Number(row.id)) ?? 0), xml: row.xml };
    },
  };
}

/**
 * Stores a compiled route as the next version of its key (one transaction): numbers it, moves the route's
 * timer start events to this version, and audits `route.published`.
 */
export async function publishCompiled(
  ctx: RuntimeContext,
  route: Route,
  meta: { xml: string; issues?: RouteIssue[]; publishedBy?: string | null },
): Promise<RouteVersionRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await inTransaction(ctx.dataSource, (manager) => insertVersion(ctx, manager, route, meta));
      forgetLatestVersion(ctx.dataSource, route.key);
      return row;
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Latest versions by data source and route key, read at most once a second (publishing in this process forgets them at once). */
const latestCache = new WeakMap<object, Map<string, { ref: VersionRef | undefined; until: number }>>();
/** How long a latest version is trusted without asking the database (another process may publish meanwhile). */
const LATEST_TTL_MS = 1_000;

/** The latest version of a route key as deals start on it: cached for a second per data source. */
export async function currentVersionRef(manager: EntityManager, key: string): Promise<VersionRef | undefined> {
  let byKey = latestCache.get(manager.connection);
  if (!byKey) latestCache.set(manager.connection, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached && cached.until > Date.now()) return cached.ref;
  const ref = await latestVersionRef(manager, key);
  byKey.set(key, { ref, until: Date.now() + LATEST_TTL_MS });
  return ref;
}

/** Forgets the cached latest version of a key (after a publish). */
export function forgetLatestVersion(dataSource: object, key: string): void {
  latestCache.get(dataSource)?.delete(key);
}

/** The latest version of a route key, or undefined. */
export async function latestVersion(manager: EntityManager, key: string): Promise<RouteVersionRow | undefined> {
  return (await latestQuery(manager, key).getOne()) ?? undefined;
}

/** Id, key and number of a route version (what starting a deal needs; the route itself comes from the cache). */
export type VersionRef = Pick<RouteVersionRow, "id" | "routeKey" | "version">;

/** The latest version of a route key without its XML and compiled route, or undefined. */
export async function latestVersionRef(manager: EntityManager, key: string): Promise<VersionRef | undefined> {
  return (await latestQuery(manager, key).select(["rv.id", "rv.routeKey", "rv.version"]).getOne()) ?? undefined;
}

function latestQuery(manager: EntityManager, key: string) {
  return manager.getRepository<RouteVersionRow>(Entities.RouteVersion).createQueryBuilder("rv").where("rv.routeKey = :key", { key }).orderBy("rv.version", "DESC").limit(1);
}

async function insertVersion(
  ctx: RuntimeContext,
  manager: EntityManager,
  route: Route,
  meta: { xml: string; issues?: RouteIssue[]; publishedBy?: string | null },
): Promise<RouteVersionRow> {
  const now = ctx.now();
  const previous = await latestVersionRef(manager, route.key);
  const row: Omit<RouteVersionRow, "id"> = {
    routeKey: route.key,
    version: (previous?.version ?? 0) + 1,
    name: (route.name || route.key).slice(0, 255),
    xml: meta.xml,
    compiled: route,
    issues: meta.issues ?? [],
    publishedAt: now,
    publishedBy: meta.publishedBy ?? null,
  };
  await insertRow<RouteVersionRow>(manager, Entities.RouteVersion, row);
  const stored = (await latestVersion(manager, route.key))!;
  if (previous) {
    await updateRows<TimerRow>(manager, Entities.Timer, { routeVersionId: previous.id, token: START_TIMER_TOKEN, status: "pending" }, { status: "cancelled" });
  }
  for (const timer of nextStartTimers(route, now)) {
    await insertRow<TimerRow>(manager, Entities.Timer, startTimerRow(stored.id, timer.element, new Date(timer.dueAt)));
  }
  await insertRow<AuditRow>(manager, Entities.Audit, {
    dealId: null,
    taskId: null,
    action: "route.published",
    actorUser: meta.publishedBy ?? null,
    actorRole: null,
    fromStage: null,
    toStage: null,
    payload: { routeVersionId: stored.id, key: stored.routeKey, version: stored.version },
    at: now,
  });
  return stored;
}

/** A pending route-level timer for a timer start event. */
export function startTimerRow(routeVersionId: number, element: string, dueAt: Date): Omit<TimerRow, "id"> {
  return {
    dealId: null,
    routeVersionId,
    token: START_TIMER_TOKEN,
    timer: element,
    elementId: element,
    dueAt,
    status: "pending",
    claimedBy: null,
    claimedAt: null,
    firedAt: null,
  };
}

async function runningDeals(ctx: RuntimeContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number | string; n: number | string }[] = await ctx.dataSource
    .getRepository<DealRow>(Entities.Deal)
    .createQueryBuilder("deal")
    .select("deal.routeVersionId", "id")
    .addSelect("COUNT(*)", "n")
    .where("deal.routeVersionId IN (:...ids)", { ids })
    .andWhere("deal.status = :status", { status: "running" })
    .groupBy("deal.routeVersionId")
    .getRawMany();
  return new Map(rows.map((row) => [Number(row.id), Number(row.n)]));
}
