/**
 * Renders outbox messages for the dispatcher (its `MessageRenderer`): the row's template, in the
 * recipient's language and time zone. Customer messages follow the customer (then the store); staff
 * notifications use the default locale and the store's time zone.
 */
import type { DataSource } from "typeorm";
import type { RenderedMessage } from "../../../connectors/sdk/index.ts";
import type { DealRow, OutboxRow } from "../../store/index.ts";
import { messageContext, recipientLocale, recipientTimeZone } from "./context.ts";
import { storeTimeZone } from "./message-templates.service.ts";
import type { TemplateRenderer } from "./renderer.ts";

/** How long a store's time zone is remembered (ms). */
const STORE_ZONE_TTL_MS = 60_000;

/** A renderer of outbox rows over a database (for store time zones) and a template renderer; undefined for a row without a template. */
export function outboxMessageRenderer(
  dataSource: DataSource,
  renderer: () => TemplateRenderer,
): (row: Pick<OutboxRow, "template" | "payload" | "audience">, deal: DealRow | null, channel: "email" | "sms") => Promise<RenderedMessage | undefined> {
  const zones = new Map<string, { zone: string | null; until: number }>();
  const zoneOf = async (store: string | null | undefined): Promise<string | null> => {
    if (!store) return null;
    const cached = zones.get(store);
    if (cached && cached.until > Date.now()) return cached.zone;
    const zone = await storeTimeZone(dataSource.manager, store);
    zones.set(store, { zone, until: Date.now() + STORE_ZONE_TTL_MS });
    return zone;
  };
  return async (row, deal, channel) => {
    if (!row.template) return undefined;
    const staff = row.audience === "staff";
    const recipient = staff ? null : deal;
    const locale = recipientLocale(recipient);
    const timeZone = recipientTimeZone(recipient, await zoneOf(deal?.store));
    return renderer().render(row.template, channel, locale, messageContext(deal, row.payload), { timeZone });
  };
}
