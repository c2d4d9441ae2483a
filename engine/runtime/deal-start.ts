import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { normalizePhone } from "../../connectors/sdk/phone.ts";
import type { Snapshot } from "../core/types.ts";
import type { DealRow, Writes } from "../store/index.ts";
import { advance, type CommandAudit } from "./command.ts";
import type { RuntimeContext } from "./context.ts";
import type { VersionRef } from "./routes.service.ts";

/** The columns copied from an order onto its deal. */
export interface OrderFields {
  externalId: string;
  store: string | null;
  city: string | null;
  customerPhone: string | null;
}

/** Starts a deal on a route version inside the caller's transaction (deal.start → first tasks, stage, audit). */
export async function startDeal(
  ctx: RuntimeContext,
  manager: EntityManager,
  version: Pick<VersionRef, "id" | "routeKey">,
  fields: OrderFields,
  data: Record<string, unknown>,
  audit: CommandAudit,
  startEvent?: string,
  batch?: Writes,
): Promise<DealRow> {
  const now = ctx.now();
  const deal: DealRow = {
    id: randomUUID(),
    externalId: fields.externalId,
    routeVersionId: Number(version.id),
    routeKey: version.routeKey,
    status: "running",
    outcome: null,
    stage: null,
    snapshot: { status: "running", tokens: [], seq: 0 } satisfies Snapshot,
    data,
    store: fields.store,
    city: fields.city,
    customerPhone: fields.customerPhone,
    lostReason: null,
    lostRole: null,
    lostStage: null,
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    version: 0,
  };
  const actor = audit.userId || audit.actorRole ? { user: audit.userId ?? undefined, role: audit.actorRole ?? undefined } : undefined;
  const event = { type: "deal.start" as const, data, ...(startEvent ? { startEvent } : {}), ...(actor ? { actor } : {}) };
  // with `batch`, the deal's writes join it and the caller runs them (several deals in one round trip)
  return (await advance(ctx, manager, deal, event, audit, batch ? { isNew: true, writes: batch, defer: true } : { isNew: true })).deal;
}

/**
 * Reads the deal columns from an order (external id, store, city, customer phone), tolerating the usual
 * shapes. The phone is kept in E.164 when it can be read, so that calls find the customer's deals by phone.
 */
export function orderFields(order: Record<string, unknown>): OrderFields {
  const customer = object(order.customer);
  const store = order.store;
  const fulfilment = object(order.fulfilment);
  const storeId = typeof store === "string" ? store : text(object(store).id ?? object(store).code ?? fulfilment.store);
  return {
    externalId: String(order.externalId ?? order.id ?? order.orderId ?? order.number ?? ""),
    store: storeId,
    city: text(order.city ?? object(store).city ?? object(fulfilment.address).city),
    customerPhone: phoneOf(text(customer.phone ?? order.phone)),
  };
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function phoneOf(raw: string | null): string | null {
  return raw === null ? null : (normalizePhone(raw) ?? raw);
}

function text(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}
