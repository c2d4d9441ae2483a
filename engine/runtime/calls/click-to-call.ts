/**
 * Click-to-call from a deal: the caller's extension rings first, then the deal's customer. One transaction
 * writes the outbox message (connector = the instance, action `call`, payload `{operator, to}`, audience
 * `system`) that the dispatcher delivers, and the audit entry `call.requested` on the deal's timeline.
 */
import { Entities, inTransaction, pendingDelivery, type AuditRow, type ConnectorInstanceRow, type DealRow, type OutboxRow, type UserRow } from "../../store/index.ts";
import { Problem } from "../../problem.ts";
import { accessScope, restrictDeals } from "../access.ts";
import type { RuntimeContext } from "../context.ts";
import type { Caller } from "../contract.ts";
import { DEFAULT_PHONE_INSTANCE, type CallRequestView } from "./types.ts";

/** Queues a call from the caller's extension to the deal's customer (see `TelephonyService.call`). */
export async function requestCall(ctx: RuntimeContext, dealId: string, input: unknown, caller: Caller): Promise<CallRequestView> {
  const instance = instanceOf(input);
  const scope = await accessScope(ctx.dataSource.manager, caller);
  const deal = await restrictDeals(ctx.dataSource.getRepository<DealRow>(Entities.Deal).createQueryBuilder("deal").where("deal.id = :id", { id: dealId }), scope).getOne();
  if (!deal) throw new Problem(404, "Deal not found", `No deal ${dealId} that you can see.`);
  const user = await ctx.dataSource.getRepository<UserRow>(Entities.User).findOneBy({ id: caller.userId });
  const operator = user?.extension?.trim();
  if (!operator) throw new Problem(422, "No phone extension", "You have no phone extension to ring first; an admin sets it on your user.", [{ pointer: "/extension", message: "Your user has no extension." }]);
  if (!deal.customerPhone) throw new Problem(422, "No customer phone", `Order ${deal.externalId} has no customer phone to call.`, [{ pointer: "/customer/phone", message: "The deal has no customer phone." }]);
  const configured = await ctx.dataSource.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).findOneBy({ name: instance });
  if (!configured?.enabled) {
    throw new Problem(422, "Phone connector not available", `The connector instance "${instance}" is ${configured ? "disabled" : "not configured"}.`, [{ pointer: "/instance", message: "A configured, enabled telephony instance." }]);
  }
  const now = ctx.now();
  const idempotencyKey = `call:${deal.id}:${caller.userId}:${now.getTime()}`;
  const payload = { operator, to: deal.customerPhone };
  return inTransaction(ctx.dataSource, async (manager) => {
    const message = await manager.getRepository<OutboxRow>(Entities.Outbox).save({
      dealId: deal.id,
      token: null,
      elementId: null,
      connector: instance,
      action: "call",
      template: null,
      payload,
      idempotencyKey,
      audience: "system",
      ...pendingDelivery(now),
    } satisfies Omit<OutboxRow, "id">);
    await manager.getRepository<AuditRow>(Entities.Audit).save({
      dealId: deal.id,
      taskId: null,
      action: "call.requested",
      actorUser: caller.login,
      actorRole: caller.roles[0] ?? null,
      fromStage: deal.stage,
      toStage: deal.stage,
      payload: { instance, operator, phone: deal.customerPhone, direction: "outgoing", messageId: message.id },
      at: now,
    } satisfies Omit<AuditRow, "id">);
    return { dealId: deal.id, instance, operator, to: deal.customerPhone!, messageId: message.id, idempotencyKey, requestedAt: now.toISOString() };
  });
}

function instanceOf(input: unknown): string {
  if (input === undefined || input === null || input === "") return DEFAULT_PHONE_INSTANCE;
  if (typeof input !== "object" || Array.isArray(input)) throw new Problem(422, "Invalid call request", "Send an object, e.g. {\"instance\": \"phone\"}.", [{ pointer: "", message: "An object." }]);
  const { instance, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new Problem(422, "Invalid call request", `Unknown field ${unknown[0]}.`, unknown.map((key) => ({ pointer: `/${key}`, message: "Unknown field." })));
  if (instance === undefined) return DEFAULT_PHONE_INSTANCE;
  if (typeof instance !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(instance)) {
    throw new Problem(422, "Invalid call request", "Name a connector instance.", [{ pointer: "/instance", message: "A connector instance name such as phone." }]);
  }
  return instance;
}
