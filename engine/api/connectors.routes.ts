/**
 * /api/connectors (the installed connectors, with their configuration schemas and element templates) and
 * /api/connector-instances (configured instances: react-admin CRUD for admins, plus a health test).
 */
import { Router } from "express";
import type { ConnectorServices } from "../runtime/connectors/index.ts";
import { adminRoutes } from "./admin.routes.ts";
import { requireRole } from "./auth.ts";

/** The connector catalogue router (behind `authenticate`). */
export function connectorsRoutes(connectors: ConnectorServices): Router {
  const router = Router();
  router.get("/", requireRole("admin", "integrator"), (_req, res) => {
    const items = connectors.catalogue();
    res.set("Content-Range", `connectors 0-${Math.max(0, items.length - 1)}/${items.length}`).json(items);
  });
  router.get("/element-templates", (_req, res) => {
    res.json(connectors.catalogue().flatMap((connector) => connector.elementTemplates));
  });
  return router;
}

/** The connector instances router (behind `authenticate`). */
export function connectorInstancesRoutes(connectors: ConnectorServices): Router {
  const router = Router();
  router.post("/:id/test", requireRole("admin"), async (req, res) => {
    res.json(await connectors.instances.test(String(req.params.id)));
  });
  // read through `connectors` on each call: the instances service may be built after the router
  router.use(
    adminRoutes("connector-instances", {
      list: (query) => connectors.instances.list(query),
      get: (name) => connectors.instances.get(name),
      create: (input, caller) => connectors.instances.create(input, caller),
      update: (name, input, caller) => connectors.instances.update(name, input, caller),
      remove: (name, caller) => connectors.instances.remove(name, caller),
    }),
  );
  return router;
}
