/**
 * /api/health (liveness, public) and /api/openapi.json (the API description, public).
 */
import { Router } from "express";
import { openApiDocument } from "./openapi/document.ts";

/** The public meta router: health and the OpenAPI document. */
export function healthRoutes(): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok", version: openApiDocument.info.version });
  });
  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument);
  });
  return router;
}
