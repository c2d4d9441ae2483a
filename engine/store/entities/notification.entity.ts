import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** What a notification is about. */
export type NotificationKind = "task.assigned" | "task.created" | "task.overdue" | "task.almost_due" | "task.reassigned" | "mention";

/** Every notification kind, in a stable order. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ["task.assigned", "task.created", "task.overdue", "task.almost_due", "task.reassigned", "mention"];

/** One in-app notification of one user; `id` is time-ordered (see engine/runtime/notifications/ids.ts). */
export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  dealId: string | null;
  taskId: string | null;
  title: string;
  body: string | null;
  payload: Record<string, unknown> | null;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * A user's choice of connector channels per notification kind:
 * `{ "email": { "to": "a@b.c", "kinds": ["task.overdue"] }, "sms": { "to": "+7…", "kinds": ["*"] } }`
 * (`"*"` = every kind; a channel absent or with no kinds = not opted in).
 */
export interface NotificationPrefs {
  email?: { to: string; kinds: (NotificationKind | "*")[] };
  sms?: { to: string; kinds: (NotificationKind | "*")[] };
}

/** A user's notification preferences (one row per user who set any). */
export interface NotificationPrefsRow {
  userId: string;
  prefs: NotificationPrefs;
  updatedAt: Date;
}

/** The `notifications` table. */
export function notificationEntity(dialect: Dialect): EntitySchema<NotificationRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<NotificationRow>({
    name: "Notification",
    tableName: "notifications",
    columns: {
      id: c.uuid(),
      userId: c.string("user_id", 36),
      kind: c.string("kind", 32),
      dealId: c.string("deal_id", 36, true),
      taskId: c.string("task_id", 36, true),
      title: c.string("title", 255),
      body: c.text("body", true),
      payload: c.json("payload"),
      createdAt: c.datetime("created_at", false),
      readAt: c.datetime("read_at"),
    },
  });
}

/** The `notification_prefs` table. */
export function notificationPrefsEntity(dialect: Dialect): EntitySchema<NotificationPrefsRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<NotificationPrefsRow>({
    name: "NotificationPrefs",
    tableName: "notification_prefs",
    columns: {
      userId: { ...c.string("user_id", 36), primary: true },
      prefs: c.json("prefs", false),
      updatedAt: c.datetime("updated_at", false),
    },
  });
}
