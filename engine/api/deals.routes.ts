/**
 * /api/deals: start a deal from an order (idempotent on its external id), list and read deals, comment on one.
 */
import { Router } from "express";
import type { DealsService } from "../runtime/contract.ts";
import { callerOf, INTAKE_ROLES, requireRole } from "./auth.ts";
import { parseListQuery, sendPage } from "./list-query.ts";

/** The deals router (mounted behind `authenticate`). */
export function dealsRoutes(deals: DealsService): Router {
  const router = Router();
  router.post("/", requireRole(...INTAKE_ROLES), async (req, res) => {
    const route = typeof req.query.route === "string" ? req.query.route : undefined;
    const { deal, created } = await deals.start(req.body, callerOf(req), route ? { route } : undefined);
    res.status(created ? 201 : 200).location(`/api/deals/${deal.id}`).json(deal);
  });
  router.get("/", async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, "deals", query, await deals.list(query, callerOf(req)));
  });
  router.get("/:id", async (req, res) => {
    res.json(await deals.get(req.params.id, callerOf(req)));
  });
  router.post("/:id/comments", async (req, res) => {
    res.status(201).json(await deals.comment(req.params.id, req.body?.text, callerOf(req)));
  });
  return router;
}
