/**
 * An in-memory stand-in for the notifications service, for the API's unit tests over fake services.
 */
import { Problem } from "../../problem.ts";
import type { NotificationPrefs, NotificationsService, NotificationView } from "../../runtime/notifications/types.ts";

/** Fake notifications (each user starts with none); `calls` records the methods the API called. */
export function fakeNotifications(calls: string[]): NotificationsService {
  const items: NotificationView[] = [];
  const prefs = new Map<string, NotificationPrefs>();
  const mine = (userId: string) => items.filter((n) => n.userId === userId);
  return {
    async list(caller) {
      calls.push("notifications.list");
      const own = mine(caller.userId);
      return { items: own, total: own.length };
    },
    async markRead(caller, target) {
      calls.push("notifications.markRead");
      const own = mine(caller.userId);
      if (target !== "all" && target.ids.some((id) => !own.some((n) => n.id === id))) throw new Problem(404, "Notification not found");
      const chosen = target === "all" ? own : own.filter((n) => target.ids.includes(n.id));
      for (const n of chosen) Object.assign(n, { read: true, readAt: new Date(0).toISOString() });
      return { updated: chosen.length };
    },
    async unreadCount(caller) {
      return mine(caller.userId).filter((n) => !n.read).length;
    },
    async since(caller, afterId) {
      return mine(caller.userId).filter((n) => n.id > afterId);
    },
    subscribe() {
      return () => undefined;
    },
    onShutdown() {
      return () => undefined;
    },
    shutdown() {},
    async prefs(caller) {
      return prefs.get(caller.userId) ?? {};
    },
    async setPrefs(caller, input) {
      prefs.set(caller.userId, input as NotificationPrefs);
      return input as NotificationPrefs;
    },
  };
}
