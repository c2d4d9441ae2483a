/**
 * Carries out the engine commands that connectors produce (from webhooks or session events), each in its
 * own transaction: start a deal (idempotent on the external order id), deliver a message, cancel, apply a
 * delivery report, log a call.
 */
import type { CallEvent, EngineCommand } from "../../../connectors/sdk/index.ts";
import { awaitedMessages } from "../../core/index.ts";
import { Problem } from "../../problem.ts";
import { Entities, inTransaction, type DealRow } from "../../store/index.ts";
import { advance, lockDeal } from "../command.ts";
import type { RuntimeContext } from "../context.ts";
import type { Caller, DealsService } from "../contract.ts";
import { deliverIfAwaited } from "../messages/system-delivery.ts";
import { applyProviderStatus } from "../outbox/provider-status.ts";

/** What a command did, as the webhook answers it. */
export type CommandResult = { type: EngineCommand["type"] } & Record<string, unknown>;

/** What the executor needs from the rest of the runtime. */
export interface CommandDeps {
  deals: DealsService;
  /** Starts deals batched with the other orders arriving at the same moment (engine/runtime/deal-intake.ts); else `deals.start`. */
  intake?: Pick<DealsService, "start">;
  /** Logs a call on the customer's deals (engine/runtime/calls); absent → calls are only counted. */
  callEvent?: (call: CallEvent) => Promise<unknown>;
}

/** The caller recorded for what a connector instance does. */
export function connectorCaller(instance: string): Caller {
  return { userId: "", login: `connector:${instance}`, roles: ["integrator"] } as Caller;
}

/** Runs one command for a connector instance. */
export async function runCommand(ctx: RuntimeContext, deps: CommandDeps, instance: { name: string; connector: string }, command: EngineCommand): Promise<CommandResult> {
  const actor = `connector:${instance.name}`;
  switch (command.type) {
    case "deal.start": {
      const source = { instance: instance.name, connector: instance.connector, ...(command.order.source as object | undefined) };
      const { deal, created } = await (deps.intake ?? deps.deals).start({ ...command.order, source }, connectorCaller(instance.name), command.route ? { route: command.route } : {});
      return { type: command.type, dealId: deal.id, externalId: deal.externalId, created };
    }
    case "deal.message": {
      const dealId = await findDeal(ctx, command.dealId, command.orderId);
      if (!dealId) return unknownOrder(command.type, command.orderId ?? command.dealId);
      const matched = await deliverIfAwaited(ctx, dealId, command.name, command.payload ?? {}, { actor });
      return { type: command.type, dealId, name: command.name, matched };
    }
    case "deal.cancel": {
      const dealId = await findDeal(ctx, undefined, command.orderId);
      if (!dealId) return unknownOrder(command.type, command.orderId);
      return { type: command.type, dealId, ...(await cancel(ctx, dealId, command.reason, command.note, actor)) };
    }
    case "message.status": {
      const moved = await applyProviderStatus(ctx, { instance: instance.name, providerId: command.providerId, status: command.status, error: command.error, at: command.at });
      return { type: command.type, providerId: command.providerId, status: command.status, matched: moved };
    }
    case "call.event":
      await deps.callEvent?.(command.call);
      return { type: command.type, callId: command.call.callId, event: command.call.event };
    case "none":
      return { type: command.type, note: command.note };
  }
}

/** The deal's id, or null when no deal has that id or order (a storefront may report orders it sent before the engine ran). */
async function findDeal(ctx: RuntimeContext, dealId: string | undefined, orderId: string | undefined): Promise<string | null> {
  const where = dealId ? { id: dealId } : orderId ? { externalId: String(orderId) } : undefined;
  if (!where) throw new Problem(422, "Deal required", "The connector named no deal or order.", [{ pointer: "/orderId", message: "Give the order id." }]);
  const deal = await ctx.dataSource.getRepository<DealRow>(Entities.Deal).findOne({ where, select: { id: true } });
  return deal?.id ?? null;
}

/**
 * An update about an order without a deal is acknowledged, not refused: storefronts disable a webhook that
 * keeps failing, and one file of 1C documents must not fail for one unknown order.
 */
function unknownOrder(type: EngineCommand["type"], orderId: string | undefined): CommandResult {
  return { type, found: false, orderId: orderId ?? null, note: `No deal for order ${orderId}; nothing was changed.` };
}

/** The storefront cancelled: the route's own `order.cancelled` path when it waits for one, else the deal is cancelled with the reason. */
async function cancel(ctx: RuntimeContext, dealId: string, reason: string, note: string | undefined, actor: string): Promise<Record<string, unknown>> {
  return inTransaction(ctx.dataSource, async (manager) => {
    const deal = await lockDeal(manager, dealId);
    if (deal.status !== "running") return { cancelled: false, status: deal.status };
    const { route } = await ctx.version(manager, deal.routeVersionId);
    const payload = { reason, ...(note ? { note } : {}) };
    const awaited = awaitedMessages(route, deal.snapshot).includes("order.cancelled");
    const event = awaited ? ({ type: "message", name: "order.cancelled", payload, actor: { role: "integrator" } } as const) : ({ type: "deal.cancel", reason, actor: { role: "integrator" } } as const);
    const result = await advance(ctx, manager, deal, event, { action: awaited ? "deal.message.received" : "deal.cancelled", actorUser: actor, actorRole: "integrator", userId: null, payload: { name: "order.cancelled", ...payload } }, { commit: true });
    return { cancelled: true, via: awaited ? "message" : "cancel", status: result.deal.status };
  });
}
