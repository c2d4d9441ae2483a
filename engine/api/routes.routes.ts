/**
 * /api/routes: published route versions; publish and validate BPMN (admin).
 */
import { Router } from "express";
import { Problem } from "../problem.ts";
import type { RoutesService } from "../runtime/contract.ts";
import { callerOf, requireRole } from "./auth.ts";
import { xmlBody } from "./body.ts";
import { parseListQuery, sendPage } from "./list-query.ts";

/** The routes router (mounted behind `authenticate`). */
export function routesRoutes(routes: RoutesService): Router {
  const router = Router();
  router.get("/", async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, "routes", query, await routes.list(query));
  });
  router.get("/:id", async (req, res) => {
    res.json(await routes.get(versionId(req.params.id)));
  });
  router.post("/", requireRole("admin"), async (req, res) => {
    const version = await routes.publish(xmlBody(req), callerOf(req));
    res.status(201).location(`/api/routes/${version.id}`).json(version);
  });
  router.post("/validate", requireRole("admin"), async (req, res) => {
    res.json(await routes.validate(xmlBody(req)));
  });
  return router;
}

function versionId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Problem(404, "Not Found", `No route version ${raw}.`);
  return id;
}
