/**
 * /api/reasons: the cancellation reasons catalogue.
 */
import { Router } from "express";
import type { Services } from "../runtime/contract.ts";
import { parseListQuery, sendPage } from "./list-query.ts";

/** The reasons router (mounted behind `authenticate`). */
export function reasonsRoutes(reasons: Services["reasons"]): Router {
  const router = Router();
  router.get("/", async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, "reasons", query, await reasons.list(query));
  });
  return router;
}
