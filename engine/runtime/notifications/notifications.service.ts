/**
 * The caller's notifications: list (react-admin), mark read, unread count, the replay and live feed of the
 * SSE stream, and the caller's connector preferences.
 */
import type { DataSource } from "typeorm";
import { Problem } from "../../problem.ts";
import { Entities, inTransaction, NOTIFICATION_KINDS, type NotificationKind, type NotificationPrefs, type NotificationPrefsRow, type NotificationRow } from "../../store/index.ts";
import { applyListQuery } from "../page.ts";
import { forgetRecipients } from "./directory.ts";
import { hubOf } from "./hub.ts";
import { NOTIFICATION_CHANNELS, notificationView } from "./notify.ts";
import type { NotificationsService, NotificationView } from "./types.ts";

const FIELDS = { id: "id", kind: "kind", dealId: "dealId", taskId: "taskId", createdAt: "createdAt", readAt: "readAt" };

/** Most ids one mark-read request may name. */
export const MAX_READ_IDS = 500;

/** Builds the notifications service over a data source and a clock. */
export function notificationsService(dataSource: DataSource, now: () => Date = () => new Date()): NotificationsService {
  const repository = () => dataSource.getRepository<NotificationRow>(Entities.Notification);
  const hub = hubOf(dataSource);
  return {
    async list(caller, query) {
      const { read, unread, ...filter } = query.filter ?? {};
      const qb = repository().createQueryBuilder("n").where("n.userId = :me", { me: caller.userId });
      if (read !== undefined && read !== null && read !== "") qb.andWhere(readCondition(read, "read"));
      if (unread !== undefined && unread !== null && unread !== "") qb.andWhere(readCondition(unread, "unread", true));
      applyListQuery(qb, { ...query, filter }, FIELDS, ["id", "DESC"]);
      const [rows, total] = await qb.getManyAndCount();
      return { items: rows.map(notificationView), total };
    },

    async markRead(caller, target) {
      return inTransaction(dataSource, async (manager) => {
        const notifications = manager.getRepository<NotificationRow>(Entities.Notification);
        const update = notifications.createQueryBuilder().update().set({ readAt: now() }).where("user_id = :me", { me: caller.userId }).andWhere("read_at IS NULL");
        if (target !== "all") {
          const ids = checkIds(target.ids);
          const found = await notifications.createQueryBuilder("n").select("n.id", "id").where("n.userId = :me", { me: caller.userId }).andWhere("n.id IN (:...ids)", { ids }).getRawMany<{ id: string }>();
          const missing = ids.filter((id) => !found.some((row) => row.id === id));
          if (missing.length) throw new Problem(404, "Notification not found", `No notification ${missing.join(", ")} of yours.`, missing.map((id) => ({ pointer: `/ids/${ids.indexOf(id)}`, message: `Unknown notification ${id}.` })));
          update.andWhere("id IN (:...ids)", { ids });
        }
        const result = await update.execute();
        return { updated: result.affected ?? 0 };
      });
    },

    async unreadCount(caller) {
      return repository().createQueryBuilder("n").where("n.userId = :me", { me: caller.userId }).andWhere("n.readAt IS NULL").getCount();
    },

    async since(caller, afterId, limit = 1_000) {
      const rows = await repository()
        .createQueryBuilder("n")
        .where("n.userId = :me", { me: caller.userId })
        .andWhere("n.id > :afterId", { afterId })
        .orderBy("n.id", "ASC")
        .take(limit)
        .getMany();
      return rows.map(notificationView);
    },

    subscribe(caller, listener) {
      return hub.subscribe(caller.userId, listener);
    },

    subscribeLive(caller, listener) {
      return hub.subscribeLive(caller.userId, listener);
    },

    onShutdown(listener) {
      return hub.onClose(listener);
    },

    shutdown() {
      hub.close();
    },

    async prefs(caller) {
      const row = await dataSource.getRepository<NotificationPrefsRow>(Entities.NotificationPrefs).findOneBy({ userId: caller.userId });
      return row?.prefs ?? {};
    },

    async setPrefs(caller, input) {
      const prefs = checkPrefs(input);
      await dataSource.getRepository<NotificationPrefsRow>(Entities.NotificationPrefs).save({ userId: caller.userId, prefs, updatedAt: now() });
      forgetRecipients(dataSource);
      return prefs;
    },
  };
}

/** Re-exported for the API's schema. */
export type { NotificationView };

/** `read: true` (or `unread: false`) → read ones; `read: false` (or `unread: true`) → unread ones. */
function readCondition(value: unknown, field: "read" | "unread", negate = false): string {
  const flag = value === true || value === "true" ? true : value === false || value === "false" ? false : undefined;
  if (flag === undefined) throw new Problem(400, "Unknown filter", `Filter \`${field}\` must be true or false.`, [{ pointer: `/filter/${field}`, message: "Use true or false." }]);
  return flag !== negate ? "n.readAt IS NOT NULL" : "n.readAt IS NULL";
}

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_READ_IDS || !ids.every((id) => typeof id === "string" && id !== "")) {
    throw new Problem(422, "Invalid ids", `Give 1 to ${MAX_READ_IDS} notification ids.`, [{ pointer: "/ids", message: "A non-empty list of notification ids." }]);
  }
  return [...new Set(ids as string[])];
}

function checkPrefs(input: unknown): NotificationPrefs {
  const problems: { pointer: string; message: string }[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw invalidPrefs([{ pointer: "", message: "An object with `email` and/or `sms`." }]);
  const prefs: NotificationPrefs = {};
  for (const [channel, value] of Object.entries(input)) {
    if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(channel)) {
      problems.push({ pointer: `/${channel}`, message: `Unknown channel; use ${NOTIFICATION_CHANNELS.join(" or ")}.` });
      continue;
    }
    const choice = value as { to?: unknown; kinds?: unknown } | null;
    if (typeof choice?.to !== "string" || choice.to === "") problems.push({ pointer: `/${channel}/to`, message: "The address or phone number to send to." });
    const kinds = Array.isArray(choice?.kinds) ? choice.kinds : null;
    const known = [...NOTIFICATION_KINDS, "*"] as unknown[];
    if (!kinds || !kinds.every((kind) => known.includes(kind))) problems.push({ pointer: `/${channel}/kinds`, message: `A list of: ${known.join(", ")}.` });
    if (!problems.length) prefs[channel as "email" | "sms"] = { to: choice!.to as string, kinds: kinds as (NotificationKind | "*")[] };
  }
  if (problems.length) throw invalidPrefs(problems);
  return prefs;
}

function invalidPrefs(errors: { pointer: string; message: string }[]): Problem {
  return new Problem(422, "Invalid notification preferences", "See each field at fault.", errors);
}
