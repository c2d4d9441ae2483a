/**
 * Recording a call event (from a PBX webhook or an ARI session) on the customer's deals:
 *
 * 1. the deals: the customer's running deals found by phone, else their latest ended one (an event without
 *    a number, such as a recording notice, goes to the deals its call was logged on);
 * 2. each running deal whose route waits for the message `call.<event>` gets it (`deps.deliver`, its own
 *    command), so "call ended" continues a waiting step — before the log entry is written, so that a retry
 *    after a crash still delivers it, and a deal that took it no longer waits for it;
 * 3. one transaction writes the audit entry `call.<event>` on each of those deals (each event of a call once
 *    per deal: a repeated webhook changes nothing);
 * 4. an incoming call's `started` pops up on the operators' live streams (see screen-pop.ts).
 */
import { In, type EntityManager } from "typeorm";
import type { CallEvent } from "../../../connectors/sdk/index.ts";
import { awaitedMessages } from "../../core/index.ts";
import { Entities, inTransaction, Writes, type AuditRow, type DealRow, type UserRow } from "../../store/index.ts";
import type { RuntimeContext } from "../context.ts";
import { customerDeals, dealsOfCall, loggedBefore, phoneKeys } from "./customer-deals.ts";
import { popScreens } from "./screen-pop.ts";
import type { CallEventDeps } from "./types.ts";

/** What a call event's audit entry and message carry. */
export interface CallPayload extends Record<string, unknown> {
  callId: string;
  direction: CallEvent["direction"];
  phone: string;
  operator: string | null;
  /** Seconds of conversation (ended). */
  duration: number | null;
  disposition: string | null;
  recordingUrl: string | null;
  /** When the PBX says it happened. */
  at: string | null;
}

/** Logs a call event on the customer's deals, continues the deals waiting for it, pops incoming calls up; returns the deals it concerns. */
export async function recordCallEvent(ctx: RuntimeContext, call: CallEvent, deps: CallEventDeps): Promise<{ deals: string[] }> {
  const now = ctx.now();
  const manager = ctx.dataSource.manager;
  const action = `call.${call.event}`;
  let phones = phoneKeys(call.customerPhone);
  let payload = payloadOf(call, phones[0] ?? "");
  let deals: DealRow[];
  if (phones.length) {
    deals = (await customerDeals(manager, phones)).deals;
  } else {
    const earlier = await dealsOfCall(manager, call.callId, now);
    deals = earlier.deals;
    const said = (earlier.earlier?.payload ?? {}) as Partial<CallPayload>;
    phones = phoneKeys(said.phone);
    payload = { ...payload, phone: said.phone ?? "", direction: said.direction ?? payload.direction };
  }
  const fresh = await unlogged(manager, deals, action, payload);
  for (const deal of fresh) {
    if (deal.status === "running" && (await awaits(ctx, manager, deal, action))) await deps.deliver(deal, action, payload);
  }
  const operator = call.operator ? await manager.getRepository<UserRow>(Entities.User).findOneBy({ extension: call.operator, active: true }) : null;
  await inTransaction(ctx.dataSource, async (tx) => {
    const writes = new Writes();
    const current = fresh.length ? await tx.getRepository<DealRow>(Entities.Deal).findBy({ id: In(fresh.map((deal) => deal.id)) }) : [];
    for (const deal of await unlogged(tx, current, action, payload)) {
      writes.insert<AuditRow>(Entities.Audit, {
        dealId: deal.id,
        taskId: null,
        action,
        actorUser: operator?.login ?? null,
        actorRole: operator ? (operator.roles[0] ?? null) : null,
        fromStage: deal.stage,
        toStage: deal.stage,
        payload,
        at: now,
      });
    }
    await writes.run(tx);
  });
  if (call.event === "started" && call.direction === "incoming") await popScreens(ctx.dataSource, deps.hub, call, phones, now);
  return { deals: deals.map((deal) => deal.id) };
}

/** The audit payload (and message payload) of a call event. */
export function payloadOf(call: CallEvent, phone: string): CallPayload {
  return {
    callId: call.callId,
    direction: call.direction,
    phone,
    operator: call.operator ?? null,
    duration: call.durationSec ?? null,
    disposition: call.disposition ?? null,
    recordingUrl: call.recordingUrl ?? null,
    at: call.at ?? null,
  };
}

/** The deals that have no entry of this event of this call yet (a `started` counts per operator rung). */
async function unlogged(manager: EntityManager, deals: DealRow[], action: string, payload: CallPayload): Promise<DealRow[]> {
  const logged = await loggedBefore(manager, deals.map((deal) => deal.id), action);
  const same = (row: AuditRow) => {
    const earlier = (row.payload ?? {}) as Partial<CallPayload>;
    return earlier.callId === payload.callId && (action !== "call.started" || (earlier.operator ?? null) === payload.operator);
  };
  return deals.filter((deal) => !logged.some((row) => row.dealId === deal.id && same(row)));
}

async function awaits(ctx: RuntimeContext, manager: EntityManager, deal: DealRow, message: string): Promise<boolean> {
  const { route } = await ctx.version(manager, deal.routeVersionId);
  return awaitedMessages(route, deal.snapshot).includes(message);
}
