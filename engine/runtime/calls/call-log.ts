/**
 * The call log of a deal: its audit entries `call.<event>` (requested, started, answered, ended, recording),
 * oldest first.
 */
import { Entities, type AuditRow, type DealRow } from "../../store/index.ts";
import { Problem } from "../../problem.ts";
import { accessScope, restrictDeals } from "../access.ts";
import type { RuntimeContext } from "../context.ts";
import type { Caller } from "../contract.ts";
import { CALL_ACTIONS } from "./customer-deals.ts";
import type { CallLogEntry } from "./types.ts";

/** The calls of a deal the caller can see; Problem 404 otherwise. */
export async function callLog(ctx: RuntimeContext, dealId: string, caller: Caller): Promise<CallLogEntry[]> {
  const scope = await accessScope(ctx.dataSource.manager, caller);
  const deal = await restrictDeals(ctx.dataSource.getRepository<DealRow>(Entities.Deal).createQueryBuilder("deal").where("deal.id = :id", { id: dealId }), scope).getOne();
  if (!deal) throw new Problem(404, "Deal not found", `No deal ${dealId} that you can see.`);
  const rows = await ctx.dataSource
    .getRepository<AuditRow>(Entities.Audit)
    .createQueryBuilder("a")
    .where("a.dealId = :dealId", { dealId })
    .andWhere("a.action IN (:...actions)", { actions: CALL_ACTIONS })
    .orderBy("a.id", "ASC")
    .getMany();
  return rows.map(callLogEntry);
}

/** A call audit entry as the call log shows it. */
export function callLogEntry(row: AuditRow): CallLogEntry {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof payload[key] === "string" && payload[key] !== "" ? (payload[key] as string) : null);
  return {
    id: row.id,
    at: row.at.toISOString(),
    event: row.action.slice("call.".length) as CallLogEntry["event"],
    callId: text("callId"),
    direction: text("direction") as CallLogEntry["direction"],
    operator: text("operator"),
    actor: row.actorUser,
    phone: text("phone"),
    durationSec: typeof payload.duration === "number" ? payload.duration : null,
    disposition: text("disposition"),
    recordingUrl: text("recordingUrl"),
  };
}
