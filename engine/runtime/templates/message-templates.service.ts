/**
 * The message templates service: lists the templates, shows their sources and renders previews against a
 * deal the caller can see (with the recipient's locale and time zone) or against sample data.
 */
import type { EntityManager } from "typeorm";
import sample from "../../../definitions/templates/sample.json" with { type: "json" };
import { Problem } from "../../problem.ts";
import { Entities, type DealRow, type StoreRow } from "../../store/index.ts";
import { accessScope, restrictDeals } from "../access.ts";
import { checkBody } from "../body-schema.ts";
import type { RuntimeContext } from "../context.ts";
import type { Caller } from "../contract.ts";
import { CHANNEL_PARTS, type Channel } from "./catalogue.ts";
import { messageContext, recipientLocale, recipientTimeZone, type MessageDeal } from "./context.ts";
import type { TemplateRenderer } from "./renderer.ts";
import type { MessageTemplatesService, PreviewRequest, PreviewView } from "./types.ts";

const PREVIEW_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    dealId: { type: "string", minLength: 1 },
    locale: { type: "string", pattern: "^[a-z]{2}(-[A-Za-z]{2,4})?$" },
    channel: { enum: ["email", "sms"] },
    timeZone: { type: "string", minLength: 1 },
    data: { type: "object" },
    payload: { type: "object" },
  },
};

const SAMPLE = sample as unknown as { deal: Omit<MessageDeal, "data" | "externalId">; order: Record<string, unknown> & { externalId: string }; payloads: Record<string, Record<string, unknown>> };

/** The service behind /api/message-templates, over a renderer (the shared one in production). */
export function messageTemplatesService(ctx: RuntimeContext, renderer: () => TemplateRenderer): MessageTemplatesService {
  return {
    async list() {
      return renderer().list();
    },
    async get(name) {
      const { summary, sources } = renderer().sources(name);
      return { ...summary, sources };
    },
    async preview(name, body, caller) {
      const request = checkBody<PreviewRequest>(PREVIEW_SCHEMA, body ?? {}, "Invalid preview request");
      if (request.dealId !== undefined && request.data !== undefined) {
        throw new Problem(422, "Invalid preview request", "Give dealId or data, not both.", [{ pointer: "/data", message: "Leave out data when previewing against a deal." }]);
      }
      const { summary } = renderer().sources(name);
      const channels: Channel[] = request.channel ? [request.channel] : summary.channels;
      if (request.channel && !summary.channels.includes(request.channel)) {
        throw new Problem(404, "Template not found", `The message template "${name}" has no ${request.channel} version.`, [{ pointer: "/channel", message: `Needs ${CHANNEL_PARTS[request.channel].join(", ")} files.` }]);
      }
      const { deal, storeZone } = request.dealId !== undefined ? await visibleDeal(ctx, request.dealId, caller) : { deal: sampleDeal(request.data), storeZone: null };
      const payload = request.payload ?? (request.dealId === undefined ? SAMPLE.payloads[name] ?? null : null);
      const locale = request.locale ?? recipientLocale(deal);
      const timeZone = request.timeZone ?? recipientTimeZone(deal, storeZone);
      const context = messageContext(deal, payload);
      const view: PreviewView = { name, dealId: request.dealId ?? null, locale, timeZone };
      for (const channel of channels) view[channel] = renderer().render(name, channel, locale, context, { timeZone });
      return view;
    },
  };
}

/** The IANA time zone of a store's calendar, or null (no store, no calendar). */
export async function storeTimeZone(manager: EntityManager, store: string | null | undefined): Promise<string | null> {
  if (!store) return null;
  const row = await manager.getRepository<StoreRow>(Entities.Store).findOneBy({ id: store });
  return row?.calendar?.timeZone ?? null;
}

async function visibleDeal(ctx: RuntimeContext, id: string, caller: Caller): Promise<{ deal: DealRow; storeZone: string | null }> {
  const manager = ctx.dataSource.manager;
  const query = manager.getRepository<DealRow>(Entities.Deal).createQueryBuilder("deal").where("deal.id = :id", { id });
  const deal = await restrictDeals(query, await accessScope(manager, caller)).getOne();
  if (!deal) throw new Problem(404, "Deal not found", `No deal ${id} that you can see.`, [{ pointer: "/dealId", message: `No deal ${id} that you can see.` }]);
  return { deal, storeZone: await storeTimeZone(manager, deal.store) };
}

function sampleDeal(data: Record<string, unknown> | undefined): MessageDeal {
  const order = data ?? SAMPLE.order;
  const externalId = typeof order.externalId === "string" ? order.externalId : "PREVIEW";
  return { ...SAMPLE.deal, externalId, data: order } as MessageDeal;
}
