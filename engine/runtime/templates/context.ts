/**
 * What a message template sees, and in which language and time zone it is written for its recipient.
 */
import type { DealRow } from "../../store/index.ts";
import { isTimeZone } from "./helpers.ts";

/** The deal fields a message needs (a DealRow, or a stand-in for previews). */
export type MessageDeal = Pick<DealRow, "id" | "externalId" | "stage" | "status" | "outcome" | "lostReason" | "data">;

/**
 * The context of a message: the deal's order data at the top level (customer, items, totals, fulfilment,
 * externalId, store…; totals computed from the items when the order has none), the payload's fields, `deal`
 * {id, stage, status, outcome, lostReason, externalId}, `input` (the payload as given) and, for task
 * notifications, `task` {id, title}.
 */
export function messageContext(deal: MessageDeal | null, payload: Record<string, unknown> | null): Record<string, unknown> {
  const data = deal?.data ?? {};
  const input = payload ?? {};
  const context: Record<string, unknown> = { ...data };
  if (context.totals === undefined && Array.isArray(data.items)) context.totals = { total: itemsTotal(data.items) };
  Object.assign(context, input);
  context.deal = deal
    ? { id: deal.id, externalId: deal.externalId, stage: deal.stage, status: deal.status, outcome: deal.outcome, lostReason: deal.lostReason }
    : null;
  context.input = input;
  const task = taskOf(input);
  if (task && context.task === undefined) context.task = task;
  return context;
}

/** The recipient's language: the customer's locale, else `fallback`, else ORDER_ROUTES_DEFAULT_LOCALE, else `en`. */
export function recipientLocale(deal: Pick<DealRow, "data"> | null, fallback?: string): string {
  const locale = customerOf(deal)?.locale;
  return (typeof locale === "string" && locale !== "" ? locale : undefined) ?? fallback ?? process.env.ORDER_ROUTES_DEFAULT_LOCALE ?? "en";
}

/** The recipient's IANA time zone: the customer's, else the store's, else ORDER_ROUTES_DEFAULT_TIME_ZONE, else UTC (unknown zones skipped). */
export function recipientTimeZone(deal: Pick<DealRow, "data"> | null, storeTimeZone?: string | null): string {
  const candidates = [customerOf(deal)?.timeZone, storeTimeZone, process.env.ORDER_ROUTES_DEFAULT_TIME_ZONE];
  return candidates.find(isTimeZone) ?? "UTC";
}

function customerOf(deal: Pick<DealRow, "data"> | null): { locale?: unknown; timeZone?: unknown } | undefined {
  const customer = deal?.data?.customer;
  return typeof customer === "object" && customer !== null ? (customer as { locale?: unknown; timeZone?: unknown }) : undefined;
}

function itemsTotal(items: unknown[]): number {
  const cents = items.reduce<number>((sum, item) => {
    const { quantity, price } = (item ?? {}) as { quantity?: unknown; price?: unknown };
    return sum + Math.round(Number(quantity ?? 0) * Number(price ?? 0) * 100);
  }, 0);
  return Number.isFinite(cents) ? cents / 100 : 0;
}

/**
 * The task of a task notification payload ({kind: "task.…", taskId, title, data}): its id and title. The
 * title is the plain task title the notification carries as `data.taskTitle`; a payload without one (written
 * before notifications carried it) falls back to the notification title as it is.
 */
function taskOf(payload: Record<string, unknown>): { id: unknown; title: string } | undefined {
  if (typeof payload.kind !== "string" || !payload.kind.startsWith("task.") || payload.taskId === undefined) return undefined;
  const data = (payload.data ?? {}) as { taskTitle?: unknown };
  const title = typeof data.taskTitle === "string" ? data.taskTitle : typeof payload.title === "string" ? payload.title : "";
  return { id: payload.taskId, title };
}
