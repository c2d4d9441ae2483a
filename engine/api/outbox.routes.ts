/**
 * /api/outbox: the delivery log of outgoing messages (react-admin list), and a manual retry of a dead one.
 */
import { Router } from "express";
import type { ConnectorServices } from "../runtime/connectors/index.ts";
import { callerOf, requireRole } from "./auth.ts";
import { parseListQuery, sendPage } from "./list-query.ts";

/** The outbox router (behind `authenticate`; admins and integrators). */
export function outboxRoutes(connectors: ConnectorServices): Router {
  const router = Router();
  router.use(requireRole("admin", "integrator"));
  router.get("/", async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, "outbox", query, await connectors.outbox.list(query));
  });
  router.get("/:id", async (req, res) => {
    res.json(await connectors.outbox.get(Number(req.params.id)));
  });
  router.post("/:id/retry", async (req, res) => {
    res.json(await connectors.outbox.retry(Number(req.params.id), callerOf(req)));
  });
  return router;
}
