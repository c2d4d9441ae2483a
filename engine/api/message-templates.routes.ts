/**
 * /api/message-templates: the email and SMS templates, their sources, and previews rendered against a deal
 * or sample data (admins and operators).
 */
import { Router } from "express";
import type { MessageTemplatesService } from "../runtime/templates/types.ts";
import { callerOf, requireRole } from "./auth.ts";

/** Who may read and preview message templates. */
export const TEMPLATE_ROLES = ["admin", "operator"] as const;

/** The message templates router (mounted behind `authenticate`). */
export function messageTemplatesRoutes(templates: MessageTemplatesService): Router {
  const router = Router();
  router.use(requireRole(...TEMPLATE_ROLES));
  router.get("/", async (_req, res) => {
    res.json(await templates.list());
  });
  router.get("/:name", async (req, res) => {
    res.json(await templates.get(req.params.name));
  });
  router.post("/:name/preview", async (req, res) => {
    res.json(await templates.preview(req.params.name, req.body, callerOf(req)));
  });
  return router;
}
