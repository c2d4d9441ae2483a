/**
 * In-app notifications: raise them inside a command's transaction (`notify`, or `queueNotifications` on the
 * hot path), read and mark them (`notificationsService`), follow them live (the hub behind the SSE stream).
 */
export { notify, queueNotifications, optedIn, notificationView, NOTIFICATION_CHANNELS } from "./notify.ts";
export { resolveRecipients, type ResolvedRecipient } from "./recipients.ts";
export { notificationsService, MAX_READ_IDS } from "./notifications.service.ts";
export { hubOf, afterCommit, NotificationHub } from "./hub.ts";
export { newNotificationId, isNotificationId } from "./ids.ts";
export { taskNotice, taskRecipients } from "./task-notices.ts";
export type * from "./types.ts";
