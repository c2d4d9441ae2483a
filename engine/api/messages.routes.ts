/**
 * /api/messages: something from outside (payment received, call ended) delivered to a deal.
 */
import { Router } from "express";
import { Problem } from "../problem.ts";
import type { DealsService } from "../runtime/contract.ts";
import { callerOf, INTAKE_ROLES, requireRole } from "./auth.ts";
import { checkFields, objectBody } from "./body.ts";

/** The messages router (mounted behind `authenticate`). */
export function messagesRoutes(deals: DealsService): Router {
  const router = Router();
  router.post("/", requireRole(...INTAKE_ROLES), async (req, res) => {
    const body = objectBody(req);
    checkFields(body, { name: "string", dealId: "string?", orderId: "string?", payload: "object?" });
    if (body.dealId === undefined && body.orderId === undefined) {
      throw new Problem(400, "Bad Request", "Name the deal: give dealId or orderId.", [{ pointer: "/dealId", message: "Give dealId or orderId." }]);
    }
    const message = {
      name: body.name as string,
      ...(body.dealId !== undefined && { dealId: body.dealId as string }),
      ...(body.orderId !== undefined && { orderId: body.orderId as string }),
      ...(body.payload !== undefined && { payload: body.payload as Record<string, unknown> }),
    };
    res.status(202).json(await deals.message(message, callerOf(req)));
  });
  return router;
}
