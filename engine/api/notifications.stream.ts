/**
 * GET /api/notifications/stream: the caller's notifications as Server-Sent Events (`event: notification`,
 * `id:` = the notification id, `data:` = its JSON). With `Last-Event-ID` (header, or `lastEventId` in the
 * query) the ones created after it are replayed from the table first; a comment line every heartbeat keeps
 * proxies from closing an idle stream. Live events that are not stored (`event: screen-pop`) carry no id and
 * are never replayed.
 */
import type { Request, RequestHandler, Response } from "express";
import { Problem } from "../problem.ts";
import { isNotificationId } from "../runtime/notifications/ids.ts";
import type { NotificationsService, NotificationView } from "../runtime/notifications/types.ts";
import { callerOf } from "./auth.ts";

/** Default interval between heartbeat comments. */
export const HEARTBEAT_MS = 15_000;

/** Notifications read per replay query (the replay reads pages until it has sent them all). */
const REPLAY_PAGE = 500;

/** Most ids a stream remembers to avoid sending a notification twice (replay racing the live feed). */
const REMEMBERED = 1_000;

/** The stream handler (behind authentication). */
export function notificationStream(notifications: NotificationsService, heartbeatMs = HEARTBEAT_MS): RequestHandler {
  return async (req, res) => {
    const caller = callerOf(req);
    const lastId = lastEventId(req);
    const sent = new Set<string>();
    const backlog: NotificationView[] = [];
    let live = false;
    const send = (notification: NotificationView) => {
      if (sent.has(notification.id)) return;
      sent.add(notification.id);
      if (sent.size > REMEMBERED) sent.delete(sent.values().next().value!);
      res.write(`id: ${notification.id}\nevent: notification\ndata: ${JSON.stringify(notification)}\n\n`);
    };
    // listen first, then replay: nothing committed in between is lost, and duplicates are dropped
    const unsubscribe = notifications.subscribe(caller, (notification) => (live ? send(notification) : backlog.push(notification)));
    const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), heartbeatMs);
    const ignoreShutdown = notifications.onShutdown(() => res.end());
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      ignoreShutdown();
    };
    open(res);
    const unsubscribeLive = notifications.subscribeLive?.(caller, (event) => res.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`));
    res.on("close", () => unsubscribeLive?.());
    res.on("close", stop);
    try {
      for (let after = lastId, page: NotificationView[] = []; after; after = page.length === REPLAY_PAGE ? page.at(-1)!.id : undefined) {
        page = await notifications.since(caller, after, REPLAY_PAGE);
        page.forEach(send);
      }
    } catch (error) {
      stop();
      res.end();
      throw error;
    }
    live = true;
    backlog.splice(0).forEach(send);
    res.write(": live\n\n");
  };
}

/** Lets `?access_token=` stand for the bearer header on the stream (EventSource cannot set headers). */
export const tokenFromQuery: RequestHandler = (req, _res, next) => {
  const token = req.query.access_token;
  if (req.path === "/stream" && !req.get("authorization") && typeof token === "string" && token !== "") req.headers.authorization = `Bearer ${token}`;
  next();
};

function lastEventId(req: Request): string | undefined {
  const value = req.get("last-event-id") ?? (typeof req.query.lastEventId === "string" ? req.query.lastEventId : undefined);
  if (value === undefined || value === "") return undefined;
  if (!isNotificationId(value)) throw new Problem(400, "Bad Last-Event-ID", "Last-Event-ID must be the id of a notification this stream sent.");
  return value;
}

function open(res: Response): void {
  res.status(200).set({
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.flushHeaders();
  res.write("retry: 3000\n\n");
}
