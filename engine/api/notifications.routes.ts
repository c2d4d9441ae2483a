/**
 * /api/notifications: the caller's own in-app notifications (any signed-in user): list, unread count, mark
 * read, connector preferences, and the live stream (SSE; the token may also come as `?access_token=`).
 */
import { Router } from "express";
import { Problem } from "../problem.ts";
import type { AuthService } from "../runtime/contract.ts";
import type { NotificationsService, ReadTarget } from "../runtime/notifications/types.ts";
import { authenticate, callerOf } from "./auth.ts";
import { objectBody } from "./body.ts";
import { parseListQuery, sendPage } from "./list-query.ts";
import { notificationStream, tokenFromQuery } from "./notifications.stream.ts";

/** Options of the notifications router. */
export interface NotificationsRoutesOptions {
  /** Interval between the stream's heartbeat comments (default 15 s). */
  heartbeatMs?: number;
}

/** The notifications router (authenticates by itself, so that the stream can take the token from the query). */
export function notificationsRoutes(notifications: NotificationsService, auth: AuthService, options: NotificationsRoutesOptions = {}): Router {
  const router = Router();
  router.use(tokenFromQuery, authenticate(auth));
  router.get("/", async (req, res) => {
    const query = parseListQuery(req.query);
    sendPage(res, "notifications", query, await notifications.list(callerOf(req), query));
  });
  router.get("/unread-count", async (req, res) => {
    res.json({ count: await notifications.unreadCount(callerOf(req)) });
  });
  router.post("/read", async (req, res) => {
    res.json(await notifications.markRead(callerOf(req), readTarget(objectBody(req))));
  });
  router.get("/prefs", async (req, res) => {
    res.json(await notifications.prefs(callerOf(req)));
  });
  router.put("/prefs", async (req, res) => {
    res.json(await notifications.setPrefs(callerOf(req), objectBody(req)));
  });
  router.get("/stream", notificationStream(notifications, options.heartbeatMs));
  return router;
}

function readTarget(body: Record<string, unknown>): ReadTarget {
  if (body.all === true && body.ids === undefined) return "all";
  if (body.all === undefined && Array.isArray(body.ids)) return { ids: body.ids as string[] };
  throw new Problem(400, "Bad Request", "Send {\"ids\": [...]} or {\"all\": true}.", [{ pointer: "", message: "Either ids (a list) or all: true." }]);
}
