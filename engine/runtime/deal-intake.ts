/**
 * Deal intake for webhooks: orders arriving at the same moment are started together, one transaction and
 * one round trip for the batch (a storefront's burst of orders pays one commit, not one each). If the batch
 * fails as a whole (a repeated external id, a refusal of one order), every order of it is started again on
 * its own, so each still ends exactly as a lone start would: one deal per external id, or its own error.
 */
import { validateOrder } from "../model/index.ts";
import { Problem } from "../problem.ts";
import { inTransaction, Writes, type DealRow } from "../store/index.ts";
import type { RuntimeContext } from "./context.ts";
import type { Caller, DealView, DealsService } from "./contract.ts";
import { orderFields, startDeal } from "./deal-start.ts";
import { DEFAULT_ROUTE_KEY } from "./deals.service.ts";
import { currentVersionRef } from "./routes.service.ts";
import { dealView } from "./views.ts";

/** Starting deals from orders, batched. */
export interface DealIntake {
  /** Same contract as `DealsService.start`. */
  start(order: unknown, caller: Caller, options?: { route?: string }): Promise<{ deal: DealView; created: boolean }>;
}

interface Pending {
  order: Record<string, unknown>;
  caller: Caller;
  route: string;
  resolve: (result: { deal: DealView; created: boolean }) => void;
  reject: (error: unknown) => void;
}

/** Most orders in one batch. */
const MAX_BATCH = 64;

/** Builds the intake over the deals service (used alone when a batch fails). */
export function dealIntake(ctx: RuntimeContext, deals: DealsService): DealIntake {
  let queue: Pending[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    if (batch.length === 1) return void deals.start(batch[0]!.order, batch[0]!.caller, { route: batch[0]!.route }).then(batch[0]!.resolve, batch[0]!.reject);
    void startBatch(ctx, batch).catch(() => startEachAlone(deals, batch));
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush); // the orders that arrived in this turn of the event loop
  };
  return {
    start(order, caller, options = {}) {
      const check = validateOrder(order);
      if (!check.ok) return Promise.reject(new Problem(422, "Invalid order", "The order does not match the order schema.", check.errors));
      return new Promise((resolve, reject) => {
        queue.push({ order: order as Record<string, unknown>, caller, route: options.route ?? DEFAULT_ROUTE_KEY, resolve, reject });
        if (queue.length >= MAX_BATCH) flush();
        else schedule();
      });
    },
  };
}

/** Starts every order of the batch in one transaction; throws (and writes nothing) if any of them fails. */
async function startBatch(ctx: RuntimeContext, batch: Pending[]): Promise<void> {
  const started = await inTransaction(ctx.dataSource, async (manager) => {
    const writes = new Writes();
    const rows: DealRow[] = [];
    for (const item of batch) {
      const version = await currentVersionRef(manager, item.route);
      if (!version) throw new Error(`route ${item.route} not published`); // the lone start says so properly
      const fields = orderFields(item.order);
      rows.push(
        await startDeal(
          ctx,
          manager,
          version,
          fields,
          item.order,
          { action: "deal.started", actorUser: item.caller.login, actorRole: item.caller.roles[0] ?? null, userId: item.caller.userId, payload: { externalId: fields.externalId, route: item.route, version: version.version } },
          undefined,
          writes,
        ),
      );
    }
    await writes.run(manager, { commit: true });
    return rows;
  });
  for (const [i, row] of started.entries()) {
    const version = await ctx.version(ctx.dataSource.manager, row.routeVersionId);
    batch[i]!.resolve({ deal: dealView(row, version.version), created: true });
  }
}

async function startEachAlone(deals: DealsService, batch: Pending[]): Promise<void> {
  for (const item of batch) await deals.start(item.order, item.caller, { route: item.route }).then(item.resolve, item.reject);
}
