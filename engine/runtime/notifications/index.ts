/**
 * In-app notifications: raise them inside a command's transaction (`notify`, or `queueNotifications` on the
 * hot path), read and mark them (`notificationsService`), follow them live (the hub behind the SSE stream).
 */
export { notify, queueNotifications, optedIn, notificationView, NOTIFICATION_CHANNELS } from "./notify.ts";
export { resolveRecipients, type ResolvedRecipient } from "./recipients.ts";
export { notificationsService, MAX_READ_IDS } from "./notifications.service.ts";
export { hubOf, afterCommit, NotificationHub } from "./hub.ts";
export { newNotificationId, isNotificationId } from "./ids.ts";
export { taskNotice, taskRecipients, observerRecipients, queueTaskNotices, notifyTask, type TaskLike, type TaskNoticeKind, type NoticeAudience } from "./task-notices.ts";
export { cachedRecipients, forgetRecipients, RECIPIENTS_MAX_AGE_MS } from "./directory.ts";
export type * from "./types.ts";
