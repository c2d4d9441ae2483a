import { Problem } from "../../problem.ts";
import { Entities, inTransaction, type DealRow } from "../../store/index.ts";
import { actingRoleForMessage } from "./sender.ts";
import { advance, lockDeal } from "../command.ts";
import type { RuntimeContext } from "../context.ts";
import type { Caller } from "../contract.ts";

/** A named message from outside (payment received, customer replied), for a deal found by id or order id. */
export interface IncomingMessage {
  name: string;
  dealId?: string;
  orderId?: string;
  payload?: Record<string, unknown>;
}

/** Delivers a message to its deal in one command transaction; Problem 404 when no deal matches. */
export async function deliverMessage(ctx: RuntimeContext, message: IncomingMessage, caller: Caller): Promise<DealRow> {
  if (!message || typeof message.name !== "string" || message.name === "") {
    throw new Problem(422, "Message name required", "Name the message.", [{ pointer: "/name", message: "A message name is required." }]);
  }
  const dealId = await findDealId(ctx, message);
  return inTransaction(ctx.dataSource, async (manager) => {
    const deal = await lockDeal(manager, dealId);
    const role = actingRoleForMessage(caller);
    const result = await advance(
      ctx,
      manager,
      deal,
      { type: "message", name: message.name, ...(message.payload ? { payload: message.payload } : {}), actor: { user: caller.userId, ...(role ? { role } : {}) } },
      {
        action: "deal.message.received",
        actorUser: caller.login,
        actorRole: role,
        userId: caller.userId,
        payload: { name: message.name, ...(message.payload ? { payload: message.payload } : {}) },
      },
      { commit: true },
    );
    return result.deal;
  });
}

async function findDealId(ctx: RuntimeContext, message: IncomingMessage): Promise<string> {
  const repository = ctx.dataSource.getRepository<DealRow>(Entities.Deal);
  const where = message.dealId ? { id: message.dealId } : message.orderId ? { externalId: String(message.orderId) } : undefined;
  if (!where) {
    throw new Problem(422, "Deal required", "Say which deal the message is for.", [{ pointer: "/dealId", message: "Give dealId or orderId." }]);
  }
  const deal = await repository.findOne({ where, select: { id: true } });
  if (!deal) throw new Problem(404, "Deal not found", `No deal ${message.dealId ?? `for order ${message.orderId}`}.`);
  return deal.id;
}
