/**
 * The in-process live hub: notifications are published to it after their transaction commits, and the
 * SSE streams of this process listen to it per user. (Other engine processes see them on the client's
 * next reconnect, through the Last-Event-ID replay from the table.)
 */
import { EventEmitter } from "node:events";
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from "typeorm";
import type { LiveEvent, NotificationView } from "./types.ts";

/** Publishes committed notifications to the listeners of their users. */
export class NotificationHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /** Sends each notification to the listeners of its user. */
  publish(notifications: readonly NotificationView[]): void {
    for (const notification of notifications) this.emitter.emit(notification.userId, notification);
  }

  /** Listens to one user's notifications; returns the function that stops listening. */
  subscribe(userId: string, listener: (notification: NotificationView) => void): () => void {
    this.emitter.on(userId, listener);
    return () => void this.emitter.off(userId, listener);
  }

  /** Sends a live event that is not stored (a screen pop) to the streams of one user in this process. */
  publishLive(userId: string, event: LiveEvent): void {
    this.emitter.emit(`${LIVE}${userId}`, event);
  }

  /** Listens to one user's live events; returns the function that stops listening. */
  subscribeLive(userId: string, listener: (event: LiveEvent) => void): () => void {
    this.emitter.on(`${LIVE}${userId}`, listener);
    return () => void this.emitter.off(`${LIVE}${userId}`, listener);
  }

  /** Calls `listener` when the hub closes (the server is shutting down: streams should end). */
  onClose(listener: () => void): () => void {
    this.emitter.once(CLOSE, listener);
    return () => void this.emitter.off(CLOSE, listener);
  }

  /** Tells every stream to end (call before closing the HTTP server, or it waits for them forever). */
  close(): void {
    this.emitter.emit(CLOSE);
  }

  /** How many listeners a user has (for tests and health). */
  listeners(userId: string): number {
    return this.emitter.listenerCount(userId);
  }
}

/** The hub of a data source (one per database per process). */
export function hubOf(dataSource: DataSource): NotificationHub {
  let hub = hubs.get(dataSource);
  if (!hub) hubs.set(dataSource, (hub = new NotificationHub()));
  return hub;
}

/**
 * Runs `work` once the manager's transaction commits (dropped if it rolls back); at once when the manager
 * is not in a transaction (its writes are committed already).
 */
export function afterCommit(manager: EntityManager, work: () => void): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return work();
  watch(manager.connection);
  const list = pending.get(runner) ?? [];
  list.push(work);
  pending.set(runner, list);
}

/** The event name of `close` (not a user id: ids are UUIDs). */
const CLOSE = "hub:close";
/** Prefix of the event names of users' live events. */
const LIVE = "live:";
const hubs = new WeakMap<DataSource, NotificationHub>();
const pending = new WeakMap<QueryRunner, (() => void)[]>();
const watched = new WeakSet<DataSource>();

/** Adds (once per data source) a subscriber that runs or drops the pending work when the outer transaction ends. */
function watch(dataSource: DataSource): void {
  if (watched.has(dataSource)) return;
  watched.add(dataSource);
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit({ queryRunner }) {
      if (queryRunner.isTransactionActive) return; // a savepoint, not the transaction
      const list = pending.get(queryRunner);
      pending.delete(queryRunner);
      for (const work of list ?? []) work();
    },
    afterTransactionRollback({ queryRunner }) {
      if (!queryRunner.isTransactionActive) pending.delete(queryRunner);
    },
  };
  dataSource.subscribers.push(subscriber);
}
