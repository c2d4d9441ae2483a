/**
 * Telephony on a deal: `POST /api/deals/:id/call` (click-to-call: the caller's extension rings, then the
 * customer; queued through the outbox, 202) and `GET /api/deals/:id/calls` (the deal's call log).
 */
import { Router } from "express";
import type { TelephonyService } from "../runtime/calls/types.ts";
import { callerOf } from "./auth.ts";

/** The calls router, mounted at /api/deals behind `authenticate`. */
export function callsRoutes(telephony: TelephonyService): Router {
  const router = Router();
  router.post("/:id/call", async (req, res) => {
    res.status(202).json(await telephony.call(req.params.id, req.body ?? {}, callerOf(req)));
  });
  router.get("/:id/calls", async (req, res) => {
    res.json(await telephony.log(req.params.id, callerOf(req)));
  });
  return router;
}
