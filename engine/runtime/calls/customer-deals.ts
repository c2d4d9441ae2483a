/**
 * Finding the deals a call concerns. The customer is identified by phone: deals keep `customer_phone`
 * normalised to E.164 (deal-start), so any way a PBX writes the number matches. An event that names no
 * number (a recording notice) is matched to the deals an earlier event of the same call was logged on.
 */
import { In, type EntityManager } from "typeorm";
import { normalizePhone } from "../../../connectors/sdk/index.ts";
import { Entities, type AuditRow, type DealRow } from "../../store/index.ts";

/** How far back an earlier event of the same call is looked for. */
export const CALL_LOOKBACK_MS = 24 * 3_600_000;

/** The audit actions of call events (dotted lowercase). */
export const CALL_ACTIONS = ["call.requested", "call.started", "call.answered", "call.ended", "call.recording"] as const;

/** The forms of a number a deal may be stored under: its E.164 form, and the number as written (older deals). */
export function phoneKeys(raw: string | null | undefined): string[] {
  const written = raw?.trim() ?? "";
  const normalised = normalizePhone(written);
  return [...new Set([normalised, written].filter((key): key is string => Boolean(key)))];
}

/** The customer's deals by phone: the running ones (newest first), else the latest ended one. */
export async function customerDeals(manager: EntityManager, phones: string[]): Promise<{ deals: DealRow[]; latest: DealRow | null }> {
  if (phones.length === 0) return { deals: [], latest: null };
  const deals = manager.getRepository<DealRow>(Entities.Deal);
  const byPhone = () => deals.createQueryBuilder("d").where("d.customerPhone IN (:...phones)", { phones });
  const running = await byPhone().andWhere("d.status = :running", { running: "running" }).orderBy("d.createdAt", "DESC").addOrderBy("d.id", "DESC").getMany();
  const latest = await byPhone().orderBy("d.createdAt", "DESC").addOrderBy("d.id", "DESC").getOne();
  if (running.length) return { deals: running, latest };
  return { deals: latest ? [latest] : [], latest };
}

/** The deals an earlier event of call `callId` was logged on (within `CALL_LOOKBACK_MS`), and what it said. */
export async function dealsOfCall(manager: EntityManager, callId: string, now: Date): Promise<{ deals: DealRow[]; earlier: AuditRow | null }> {
  const pattern = `%${`"callId":${JSON.stringify(callId)}`.replace(/[!%_]/g, "!$&")}%`;
  const rows = await manager
    .getRepository<AuditRow>(Entities.Audit)
    .createQueryBuilder("a")
    .where("a.action IN (:...actions)", { actions: CALL_ACTIONS })
    .andWhere("a.at >= :since", { since: new Date(now.getTime() - CALL_LOOKBACK_MS) })
    .andWhere("a.payload LIKE :pattern ESCAPE '!'", { pattern })
    .orderBy("a.id", "ASC")
    .getMany();
  const ids = [...new Set(rows.map((row) => row.dealId).filter((id): id is string => Boolean(id)))];
  const deals = ids.length ? await manager.getRepository<DealRow>(Entities.Deal).findBy({ id: In(ids) }) : [];
  return { deals, earlier: rows[0] ?? null };
}

/** The call events already logged on these deals for this call and action (to log each once). */
export async function loggedBefore(manager: EntityManager, dealIds: string[], action: string): Promise<AuditRow[]> {
  if (dealIds.length === 0) return [];
  return manager.getRepository<AuditRow>(Entities.Audit).findBy({ dealId: In(dealIds), action });
}
