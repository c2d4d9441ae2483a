/**
 * Raising notifications inside a command's transaction: one row per recipient, an outbox row per channel
 * the recipient opted into (connector `email` or `sms`, action `send`, template = the kind), and, once the
 * transaction commits, a publish to the live hub. Nothing is published when it rolls back.
 */
import type { EntityManager } from "typeorm";
import { Entities, inTransaction, pendingDelivery, Writes, type NotificationPrefs, type NotificationRow, type OutboxRow } from "../../store/index.ts";
import { afterCommit, hubOf } from "./hub.ts";
import { newNotificationId } from "./ids.ts";
import { resolveRecipients, type ResolvedRecipient } from "./recipients.ts";
import type { NotificationInput, NotificationView, Recipient } from "./types.ts";

/** The connectors a notification can also go out through. */
export const NOTIFICATION_CHANNELS = ["email", "sms"] as const;

/**
 * Resolves the recipients, writes their notifications (and opted-in outbox rows) in the manager's
 * transaction (a transaction of its own when the manager is not in one), and publishes them after it
 * commits; returns the notifications written.
 */
export async function notify(manager: EntityManager, recipients: readonly Recipient[], input: NotificationInput, now: Date = new Date()): Promise<NotificationView[]> {
  if (!manager.queryRunner?.isTransactionActive) return inTransaction(manager.connection, (tx) => notify(tx, recipients, input, now));
  const resolved = await resolveRecipients(manager, recipients);
  const writes = new Writes();
  const views = queueNotifications(manager, writes, resolved, input, now);
  await writes.run(manager);
  return views;
}

/**
 * For the command hot path: queues the notification rows (and outbox rows) of already resolved recipients
 * on the command's `Writes` (no round trip of its own) and arranges the publish after commit. The writes
 * must run in the same transaction as `manager`.
 */
export function queueNotifications(manager: EntityManager, writes: Writes, recipients: readonly ResolvedRecipient[], input: NotificationInput, now: Date): NotificationView[] {
  if (recipients.length === 0) return [];
  const rows = recipients.map((recipient) => notificationRow(recipient.userId, input, now));
  for (const row of rows) writes.insert<NotificationRow>(Entities.Notification, row);
  recipients.forEach((recipient, i) => {
    for (const outbox of outboxRows(rows[i]!, recipient.prefs, now)) writes.insert<OutboxRow>(Entities.Outbox, outbox);
  });
  const views = rows.map(notificationView);
  const hub = hubOf(manager.connection);
  afterCommit(manager, () => hub.publish(views));
  return views;
}

/** True when the preferences opt the user into `channel` for notifications of `kind`. */
export function optedIn(prefs: NotificationPrefs, channel: (typeof NOTIFICATION_CHANNELS)[number], kind: NotificationRow["kind"]): boolean {
  const choice = prefs[channel];
  return !!choice?.to && (choice.kinds.includes("*") || choice.kinds.includes(kind));
}

/** A notification row as the API shows it. */
export function notificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    dealId: row.dealId,
    taskId: row.taskId,
    title: row.title,
    body: row.body,
    payload: row.payload,
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    read: row.readAt !== null,
  };
}

function notificationRow(userId: string, input: NotificationInput, now: Date): NotificationRow {
  return {
    id: newNotificationId(now),
    userId,
    kind: input.kind,
    dealId: input.dealId ?? null,
    taskId: input.taskId ?? null,
    title: input.title.slice(0, 255),
    body: input.body ?? null,
    payload: input.payload ?? null,
    createdAt: now,
    readAt: null,
  };
}

/**
 * One outbox row per opted-in channel; idempotency key `notification:<id>:<channel>` (the outbox key is
 * unique, and one notification may leave by email and by SMS).
 */
function outboxRows(row: NotificationRow, prefs: NotificationPrefs, now: Date): Omit<OutboxRow, "id">[] {
  return NOTIFICATION_CHANNELS.filter((channel) => optedIn(prefs, channel, row.kind)).map((channel) => ({
    dealId: row.dealId,
    token: null,
    elementId: null,
    connector: channel,
    action: "send",
    template: row.kind,
    payload: {
      to: prefs[channel]!.to,
      userId: row.userId,
      notificationId: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      dealId: row.dealId,
      taskId: row.taskId,
      data: row.payload,
    },
    idempotencyKey: `notification:${row.id}:${channel}`,
    audience: "staff" as const,
    ...pendingDelivery(now),
  }));
}
