/**
 * react-admin simple-REST CRUD over an admin catalogue (users, stores, teams, reasons): GET list with
 * Content-Range, GET one, POST, PUT, DELETE. Writes are for admins; reads for `readRoles` (default admins).
 */
import { Router } from "express";
import type { AdminService } from "../runtime/contract.ts";
import { callerOf, requireRole } from "./auth.ts";
import { objectBody } from "./body.ts";
import { parseListQuery, sendPage } from "./list-query.ts";

/** The CRUD router of one catalogue, mounted at `/api/<resource>` behind `authenticate`. */
export function adminRoutes<V>(resource: string, service: AdminService<V>, options: { readRoles?: readonly string[] } = {}): Router {
  const router = Router();
  const read = options.readRoles ? [] : [requireRole("admin")];
  const write = requireRole("admin");
  router.get("/", ...read, async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, resource, query, await service.list(query));
  });
  router.get("/:id", ...read, async (req, res) => {
    res.json(await service.get(String(req.params.id)));
  });
  router.post("/", write, async (req, res) => {
    const created = await service.create(objectBody(req), callerOf(req));
    const id = (created as { id?: unknown; code?: unknown }).id ?? (created as { code?: unknown }).code;
    res.status(201).location(`/api/${resource}/${encodeURIComponent(String(id))}`).json(created);
  });
  router.put("/:id", write, async (req, res) => {
    res.json(await service.update(String(req.params.id), objectBody(req), callerOf(req)));
  });
  router.delete("/:id", write, async (req, res) => {
    res.json(await service.remove(String(req.params.id), callerOf(req)));
  });
  return router;
}
