/**
 * The outbox as a service: list and read messages (the delivery log), retry a dead one by hand, and
 * dispatch due messages (the scheduler calls `dispatchDue`; `kick` asks for a prompt run after a command
 * queued something urgent, such as a click-to-call).
 */
import { Problem } from "../../problem.ts";
import { Entities, inTransaction, insertRow, updateRows, type AuditRow, type OutboxRow } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";
import type { Caller, ListQuery, Page } from "../contract.ts";
import { applyListQuery } from "../page.ts";
import type { AttemptDeps } from "./attempt.ts";
import { dispatchDue, type DispatchLimits } from "./dispatcher.ts";

/** An outbox message as the API shows it. */
export interface OutboxMessageView {
  id: number;
  dealId: string | null;
  instance: string;
  action: string;
  template: string | null;
  audience: string | null;
  status: OutboxRow["status"];
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  providerId: string | null;
  payload: Record<string, unknown>;
  rendered: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

/** Reading, retrying and dispatching outbox messages. */
export interface OutboxService {
  list(query: ListQuery): Promise<Page<OutboxMessageView>>;
  get(id: number): Promise<OutboxMessageView>;
  /** Puts a dead, bounced or undelivered message back in line with a fresh set of tries; Problem 409 otherwise. */
  retry(id: number, caller: Caller): Promise<OutboxMessageView>;
  /** Attempts every due message; returns how many. */
  dispatchDue(now?: Date): Promise<number>;
  /** Asks the dispatcher to run now instead of at its next tick. */
  kick(): void;
  /** A promise that resolves on the next kick (for the scheduler). */
  kicked(): Promise<void>;
}

const FIELDS = { id: "id", dealId: "dealId", instance: "connector", action: "action", status: "status", audience: "audience", template: "template", createdAt: "createdAt", nextAttemptAt: "nextAttemptAt" };
const RETRYABLE = new Set<OutboxRow["status"]>(["dead", "bounced", "undelivered"]);

/** The outbox service. */
export function outboxService(ctx: RuntimeContext, deps: AttemptDeps, limits: DispatchLimits): OutboxService {
  const repository = () => ctx.dataSource.getRepository<OutboxRow>(Entities.Outbox);
  const find = async (id: number) => {
    const row = Number.isSafeInteger(id) ? await repository().findOneBy({ id }) : null;
    if (!row) throw new Problem(404, "Message not found", `No outbox message ${id}.`);
    return row;
  };
  let wake: (() => void) | undefined;
  let woken = new Promise<void>((resolve) => (wake = resolve));
  return {
    async list(query) {
      const [rows, total] = await applyListQuery(repository().createQueryBuilder("message"), query, FIELDS, ["id", "DESC"]).getManyAndCount();
      return { items: rows.map(outboxView), total };
    },
    get: async (id) => outboxView(await find(id)),
    async retry(id, caller) {
      const row = await find(id);
      if (!RETRYABLE.has(row.status)) {
        throw new Problem(409, "Message not retryable", `Message ${id} is ${row.status}; only dead, bounced or undelivered messages are retried by hand.`, [{ pointer: "/status", message: `Status is ${row.status}.` }]);
      }
      const now = ctx.now();
      const changes: Partial<OutboxRow> = { status: "pending", attempts: 0, nextAttemptAt: now, claimedBy: null, claimedAt: null };
      await inTransaction(ctx.dataSource, async (manager) => {
        await updateRows<OutboxRow>(manager, Entities.Outbox, { id, status: row.status }, changes);
        if (row.dealId) {
          await insertRow<AuditRow>(manager, Entities.Audit, {
            dealId: row.dealId,
            taskId: null,
            action: "message.retry.requested",
            actorUser: caller.login,
            actorRole: caller.roles[0] ?? null,
            fromStage: null,
            toStage: null,
            payload: { message: id, instance: row.connector, previousStatus: row.status, lastError: row.lastError },
            at: now,
          });
        }
      });
      this.kick();
      return outboxView({ ...row, ...changes });
    },
    dispatchDue: (now) => dispatchDue(ctx, deps, limits, now),
    kick() {
      const resolve = wake;
      woken = new Promise<void>((r) => (wake = r));
      resolve?.();
    },
    kicked: () => woken,
  };
}

/** The view of an outbox row. */
export function outboxView(row: OutboxRow): OutboxMessageView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: Number(row.id),
    dealId: row.dealId,
    instance: row.connector,
    action: row.action,
    template: row.template,
    audience: row.audience,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.nextAttemptAt),
    lastError: row.lastError,
    providerId: row.providerId,
    payload: row.payload,
    rendered: row.rendered,
    result: row.result,
    createdAt: iso(row.createdAt)!,
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
  };
}
