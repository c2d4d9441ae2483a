/**
 * The notifications vocabulary shared by the runtime, the effects code that raises notifications and the API.
 */
import type { NotificationKind, NotificationPrefs } from "../../store/entities/notification.entity.ts";
import type { Caller, ListQuery, Page } from "../contract.ts";

export type { NotificationKind, NotificationPrefs };

/** An in-app notification as the API and the live stream show it. */
export interface NotificationView {
  id: string;
  userId: string;
  kind: NotificationKind;
  dealId: string | null;
  taskId: string | null;
  title: string;
  body: string | null;
  payload: Record<string, unknown> | null;
  createdAt: string;
  readAt: string | null;
  read: boolean;
}

/** A live event for one user's stream that is not stored (no id, no replay): e.g. `screen-pop` of an incoming call. */
export interface LiveEvent {
  /** The SSE event name (`screen-pop`). */
  event: string;
  data: Record<string, unknown>;
}

/** What to notify about (the same for every recipient). */
export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body?: string | null;
  dealId?: string | null;
  taskId?: string | null;
  payload?: Record<string, unknown> | null;
}

/**
 * Who gets a notification: a user by id; the active users of a role (in a store, when given); or the
 * manager of the team of a user.
 */
export type Recipient =
  | { kind: "user"; userId: string }
  | { kind: "role"; role: string; store?: string | null }
  | { kind: "managerOf"; userId: string }
  /** The managers of the teams of the users in a role pool (who answers for an unclaimed task). */
  | { kind: "poolManagers"; role: string; store?: string | null };

/** What to mark read: some of the caller's notifications, or all of them. */
export type ReadTarget = { ids: string[] } | "all";

/** The notifications the API offers to the caller (only ever the caller's own). */
export interface NotificationsService {
  /** react-admin list, newest first by default; filters `read` or `unread` (boolean), `kind` (one or a list), `dealId`, `taskId`, `id`. */
  list(caller: Caller, query: ListQuery): Promise<Page<NotificationView>>;
  /** Marks read; Problem 404 (nothing changed) when an id is unknown or not the caller's. */
  markRead(caller: Caller, target: ReadTarget): Promise<{ updated: number }>;
  /** How many of the caller's notifications are unread. */
  unreadCount(caller: Caller): Promise<number>;
  /** The caller's notifications created after the one with id `afterId`, oldest first (the stream's replay). */
  since(caller: Caller, afterId: string, limit?: number): Promise<NotificationView[]>;
  /** Listens to the caller's notifications as they commit (in this process); returns the unsubscribe function. */
  subscribe(caller: Caller, listener: (notification: NotificationView) => void): () => void;
  /** Listens to the caller's live (not stored) events, such as screen pops; returns the unsubscribe function. */
  subscribeLive?(caller: Caller, listener: (event: LiveEvent) => void): () => void;
  /** Calls `listener` when the server shuts down (open streams end); returns the function that stops listening. */
  onShutdown(listener: () => void): () => void;
  /** Ends every open stream (before the HTTP server closes). */
  shutdown(): void;
  /** The caller's connector preferences (`{}` when never set). */
  prefs(caller: Caller): Promise<NotificationPrefs>;
  /** Replaces the caller's connector preferences; Problem 422 when malformed. */
  setPrefs(caller: Caller, prefs: unknown): Promise<NotificationPrefs>;
}
