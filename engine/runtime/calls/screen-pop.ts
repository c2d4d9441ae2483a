/**
 * The screen pop of an incoming call: a live `screen-pop` event on the stream of the operator the PBX rings
 * (the active user with that extension) or, when the PBX names none, of every active operator. Each
 * recipient sees the customer's running deals they may see, and the name from the latest of those deals.
 */
import type { DataSource } from "typeorm";
import type { CallEvent } from "../../../connectors/sdk/index.ts";
import { Entities, type DealRow, type UserRow } from "../../store/index.ts";
import { accessScope, restrictDeals } from "../access.ts";
import { resolveRecipients } from "../notifications/recipients.ts";
import type { LivePublisher, ScreenPop } from "./types.ts";

/** The event name on the stream. */
export const SCREEN_POP = "screen-pop";

/** Sends the screen pop of an incoming call to its operators; returns the ids of the users it reached. */
export async function popScreens(dataSource: DataSource, hub: LivePublisher, call: CallEvent, phones: string[], at: Date): Promise<string[]> {
  const users = await recipientsOf(dataSource, call.operator);
  for (const user of users) {
    const caller = { userId: user.id, login: user.login, roles: user.roles, store: user.store };
    const scope = await accessScope(dataSource.manager, caller);
    const visible = () => restrictDeals(dataSource.getRepository<DealRow>(Entities.Deal).createQueryBuilder("deal"), scope);
    const running = phones.length ? await visible().andWhere("deal.customerPhone IN (:...phones)", { phones }).andWhere("deal.status = :running", { running: "running" }).orderBy("deal.createdAt", "DESC").getMany() : [];
    const latest = phones.length ? await visible().andWhere("deal.customerPhone IN (:...phones)", { phones }).orderBy("deal.createdAt", "DESC").getOne() : null;
    const pop: ScreenPop = {
      callId: call.callId,
      phone: phones[0] ?? call.customerPhone,
      customerName: customerName(latest),
      operator: call.operator ?? null,
      deals: running.map((deal) => ({ id: deal.id, externalId: deal.externalId, stage: deal.stage, store: deal.store })),
      at: at.toISOString(),
    };
    hub.publishLive(user.id, { event: SCREEN_POP, data: { ...pop } });
  }
  return users.map((user) => user.id);
}

/** Active users with the extension; every active operator when no extension is named. */
async function recipientsOf(dataSource: DataSource, extension: string | undefined): Promise<UserRow[]> {
  const users = dataSource.getRepository<UserRow>(Entities.User);
  if (extension) return users.findBy({ extension, active: true });
  const operators = await resolveRecipients(dataSource.manager, [{ kind: "role", role: "operator" }]);
  return operators.length ? users.createQueryBuilder("u").where("u.id IN (:...ids)", { ids: operators.map((o) => o.userId) }).orderBy("u.login", "ASC").getMany() : [];
}

function customerName(deal: DealRow | null): string | null {
  const customer = deal?.data?.customer;
  const name = typeof customer === "object" && customer !== null ? (customer as Record<string, unknown>).name : undefined;
  return typeof name === "string" && name !== "" ? name : null;
}
