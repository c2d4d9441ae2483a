/**
 * /api/tasks: the staff inbox; complete a task with an outcome (and a reason on failure).
 */
import { Router } from "express";
import type { TasksService } from "../runtime/contract.ts";
import { callerOf, requireRole, TASK_ROLES } from "./auth.ts";
import { checkFields, objectBody } from "./body.ts";
import { parseListQuery, sendPage } from "./list-query.ts";

/** The tasks router (mounted behind `authenticate`; staff roles and admin act, analysts read too). */
export function tasksRoutes(tasks: TasksService): Router {
  const router = Router();
  router.use(requireRole(...TASK_ROLES, "analyst"));
  const act = requireRole(...TASK_ROLES);
  router.get("/", async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, "tasks", query, await tasks.list(query, callerOf(req)));
  });
  router.get("/:id", async (req, res) => {
    res.json(await tasks.get(String(req.params.id), callerOf(req)));
  });
  router.post("/:id/complete", act, async (req, res) => {
    const body = objectBody(req);
    checkFields(body, { outcome: "string", reason: "string?", output: "object?", checklist: "strings?" });
    const input = {
      outcome: body.outcome as string,
      ...(body.reason !== undefined && { reason: body.reason as string }),
      ...(body.output !== undefined && { output: body.output as Record<string, unknown> }),
      ...(body.checklist !== undefined && { checklist: body.checklist as string[] }),
    };
    res.json(await tasks.complete(String(req.params.id), input, callerOf(req)));
  });
  router.post("/:id/claim", act, async (req, res) => {
    res.json(await tasks.claim(String(req.params.id), callerOf(req)));
  });
  router.post("/:id/release", act, async (req, res) => {
    res.json(await tasks.release(String(req.params.id), callerOf(req)));
  });
  router.post("/:id/reassign", act, async (req, res) => {
    const body = objectBody(req);
    checkFields(body, { user: "string" });
    res.json(await tasks.reassign(String(req.params.id), body.user as string, callerOf(req)));
  });
  return router;
}
