import { Problem } from "../problem.ts";
import { validateOrder } from "../model/index.ts";
import { Entities, inTransaction, isUniqueViolation, selectRows, type AuditRow, type DealRow, type StageHistoryRow, type TaskRow } from "../store/index.ts";
import { accessScope, restrictDeals } from "./access.ts";
import type { RuntimeContext } from "./context.ts";
import type { Caller, DealView, DealsService, ListQuery, Page } from "./contract.ts";
import { commentOnDeal } from "./deal-comments.ts";
import { orderFields, startDeal } from "./deal-start.ts";
import { deliverMessage } from "./messages/deliver.ts";
import { applyListQuery } from "./page.ts";
import { currentVersionRef } from "./routes.service.ts";
import { auditView, dealView, historyView, taskView } from "./views.ts";

/** Route key deals start on when the caller names none. */
export const DEFAULT_ROUTE_KEY = "order-fulfilment";

const DEAL_FIELDS = {
  id: "id",
  externalId: "externalId",
  routeKey: "routeKey",
  status: "status",
  outcome: "outcome",
  stage: "stage",
  store: "store",
  city: "city",
  lostReason: "lostReason",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};

/** Starting, reading and messaging deals. */
export function dealsService(ctx: RuntimeContext): DealsService {
  const repository = () => ctx.dataSource.getRepository<DealRow>(Entities.Deal);
  const view = async (row: DealRow) => dealView(row, (await ctx.version(ctx.dataSource.manager, row.routeVersionId)).version);

  return {
    async start(order, caller, options = {}) {
      const check = validateOrder(order);
      if (!check.ok) throw new Problem(422, "Invalid order", "The order does not match the order schema.", check.errors);
      const data = order as Record<string, unknown>;
      const fields = orderFields(data);
      // no lookup first: the unique external id makes a repeat fail its insert (nothing is written), then it is read
      const key = options.route ?? DEFAULT_ROUTE_KEY;
      try {
        const deal = await inTransaction(ctx.dataSource, async (manager) => {
          const version = await currentVersionRef(manager, key);
          if (!version) throw new Problem(422, "Route not published", `No version of the route "${key}" is published.`, [{ pointer: "/route", message: `Publish the route "${key}" first.` }]);
          return startDeal(ctx, manager, version, fields, data, {
            action: "deal.started",
            actorUser: caller.login,
            actorRole: caller.roles[0] ?? null,
            userId: caller.userId,
            payload: { externalId: fields.externalId, route: key, version: version.version },
          });
        });
        return { deal: await view(deal), created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const [existing] = await selectRows<DealRow>(ctx.dataSource.manager, Entities.Deal, { externalId: fields.externalId });
        if (!existing) throw error;
        return { deal: await view(existing), created: false };
      }
    },

    async list(query: ListQuery, caller: Caller): Promise<Page<DealView>> {
      const qb = restrictDeals(repository().createQueryBuilder("deal"), await accessScope(ctx.dataSource.manager, caller));
      applyListQuery(qb, query, DEAL_FIELDS, ["createdAt", "DESC"]);
      const [rows, total] = await qb.getManyAndCount();
      return { items: await Promise.all(rows.map(view)), total };
    },

    async get(id: string, caller: Caller): Promise<DealView> {
      const qb = restrictDeals(repository().createQueryBuilder("deal").where("deal.id = :id", { id }), await accessScope(ctx.dataSource.manager, caller));
      const row = await qb.getOne();
      if (!row) throw new Problem(404, "Deal not found", `No deal ${id} that you can see.`);
      const manager = ctx.dataSource.manager;
      const [tasks, history, audit] = await Promise.all([
        manager.getRepository<TaskRow>(Entities.Task).find({ where: { dealId: id }, order: { createdAt: "ASC", id: "ASC" } }),
        manager.getRepository<StageHistoryRow>(Entities.StageHistory).find({ where: { dealId: id }, order: { id: "ASC" } }),
        manager.getRepository<AuditRow>(Entities.Audit).find({ where: { dealId: id }, order: { id: "ASC" } }),
      ]);
      return {
        ...(await view(row)),
        snapshot: row.snapshot,
        tasks: tasks.map((task) => taskView(task, ctx.now())),
        history: history.map(historyView),
        audit: audit.map(auditView),
      };
    },

    comment: (id, text, caller) => commentOnDeal(ctx, id, text, caller),

    async message(message, caller) {
      const deal = await deliverMessage(ctx, message, caller);
      return view(deal);
    },
  };
}
