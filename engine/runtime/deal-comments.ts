/**
 * Comments on a deal: an audit entry `deal.commented` on its timeline, and a `mention` notification for each
 * active user named as `@login` in the text — both in one transaction.
 */
import { In, type EntityManager } from "typeorm";
import { Problem } from "../problem.ts";
import { Entities, inTransaction, type AuditRow, type DealRow, type UserRow } from "../store/index.ts";
import { accessScope, restrictDeals } from "./access.ts";
import type { RuntimeContext } from "./context.ts";
import type { AuditView, Caller } from "./contract.ts";
import { notify } from "./notifications/notify.ts";
import { auditView } from "./views.ts";

/** Longest comment accepted, in characters. */
export const MAX_COMMENT_LENGTH = 4000;

/** Adds a comment to a deal the caller can see; Problem 404 for an unknown deal, 422 for an empty or too long text. */
export async function commentOnDeal(ctx: RuntimeContext, dealId: string, text: unknown, caller: Caller): Promise<AuditView> {
  const body = typeof text === "string" ? text.trim() : "";
  if (body === "" || body.length > MAX_COMMENT_LENGTH) {
    throw new Problem(422, "Invalid comment", `Write between 1 and ${MAX_COMMENT_LENGTH} characters.`, [{ pointer: "/text", message: "A comment needs a text." }]);
  }
  const scope = await accessScope(ctx.dataSource.manager, caller);
  const visible = await restrictDeals(ctx.dataSource.getRepository<DealRow>(Entities.Deal).createQueryBuilder("deal").where("deal.id = :id", { id: dealId }), scope).getOne();
  if (!visible) throw new Problem(404, "Deal not found", `No deal ${dealId} that you can see.`);
  const now = ctx.now();
  return inTransaction(ctx.dataSource, async (manager) => {
    const logins = mentionedLogins(body);
    const users = logins.length ? await manager.getRepository<UserRow>(Entities.User).findBy({ login: In(logins), active: true }) : [];
    const mentions = users.filter((user) => user.id !== caller.userId);
    const row = await manager.getRepository<AuditRow>(Entities.Audit).save({
      dealId,
      taskId: null,
      action: "deal.commented",
      actorUser: caller.login,
      actorRole: caller.roles[0] ?? null,
      fromStage: visible.stage,
      toStage: visible.stage,
      payload: { text: body, mentions: mentions.map((user) => user.login) },
      at: now,
    });
    if (mentions.length > 0) {
      await notify(
        manager,
        mentions.map((user) => ({ kind: "user", userId: user.id }) as const),
        { kind: "mention", title: `${caller.login} mentioned you on order ${visible.externalId}`, body, dealId, payload: { author: await authorOf(manager, caller) } },
        now,
      );
    }
    return auditView(row);
  });
}

/** Who wrote a comment, as mention notifications name them: login and display name (the login when the user has none). */
export interface CommentAuthor {
  login: string;
  name: string;
}

/** The distinct logins written as `@login` in a text. */
export function mentionedLogins(text: string): string[] {
  return [...new Set([...text.matchAll(/(?:^|[^\w@])@([\w.-]*\w)/g)].map((match) => match[1]!))];
}

async function authorOf(manager: EntityManager, caller: Caller): Promise<CommentAuthor> {
  const user = caller.userId ? await manager.getRepository<UserRow>(Entities.User).findOneBy({ id: caller.userId }) : null;
  return { login: caller.login, name: user?.name?.trim() || caller.login };
}
