/**
 * Messages the engine itself sends into deals (a message's delivery status, a call event, a storefront
 * update): delivered only when the deal waits for them; otherwise kept on the deal's timeline.
 */
import { awaitedMessages } from "../../core/index.ts";
import { Entities, inTransaction, insertRow, type AuditRow, type DealRow } from "../../store/index.ts";
import { advance, lockDeal } from "../command.ts";
import type { RuntimeContext } from "../context.ts";

/** Who sends a system message: a connector instance (`connector:sms`) or the engine. */
export interface SystemSender {
  /** Written as the audit actor, e.g. `connector:shop`. */
  actor: string;
  /** Keep a message nothing waits for on the timeline (`deal.message.unmatched`; default true). */
  keepUnmatched?: boolean;
}

/**
 * Delivers message `name` to a running deal that waits for it (one command transaction); a deal that does not
 * wait for it gets a `deal.message.unmatched` audit entry instead. Returns whether the route took it.
 */
export async function deliverIfAwaited(ctx: RuntimeContext, dealId: string, name: string, payload: Record<string, unknown>, sender: SystemSender): Promise<boolean> {
  return inTransaction(ctx.dataSource, async (manager) => {
    const deal = await lockDeal(manager, dealId);
    if (deal.status === "running" && (await awaits(ctx, manager, deal, name))) {
      await advance(
        ctx,
        manager,
        deal,
        { type: "message", name, payload, actor: { role: "integrator" } },
        { action: "deal.message.received", actorUser: sender.actor, actorRole: "integrator", userId: null, payload: { name, payload } },
        { commit: true },
      );
      return true;
    }
    if (sender.keepUnmatched === false) return false;
    await insertRow<AuditRow>(manager, Entities.Audit, {
      dealId,
      taskId: null,
      action: "deal.message.unmatched",
      actorUser: sender.actor,
      actorRole: "integrator",
      fromStage: deal.stage,
      toStage: deal.stage,
      payload: { name, payload, dealStatus: deal.status },
      at: ctx.now(),
    });
    return false;
  });
}

async function awaits(ctx: RuntimeContext, manager: Parameters<typeof lockDeal>[0], deal: DealRow, name: string): Promise<boolean> {
  const { route } = await ctx.version(manager, deal.routeVersionId);
  return awaitedMessages(route, deal.snapshot).includes(name);
}
