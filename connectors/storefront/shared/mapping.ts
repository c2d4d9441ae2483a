/**
 * Helpers every storefront mapping uses: money written as strings, phone numbers, the store from the
 * configuration, the customer's locale and time zone, the default delivery slot, and the `source` that
 * makes the engine push stage changes back to the instance the order came in through.
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { DEFAULT_PHONE_COUNTRY, InboundRejected, normalizePhone, type EngineCommand, type Order } from "../../sdk/index.ts";
import { STOREFRONT_DEFAULTS, type StorefrontConfig } from "./config.ts";
import { defaultSlot, type Slot } from "./slot.ts";

/** A money amount (`"29.35"` or `29.35`) as a number; 422 at `pointer` when it is not one. */
export function money(value: unknown, pointer: string): number {
  const amount = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(amount)) throw new InboundRejected(422, `${pointer} must be an amount of money, got ${JSON.stringify(value ?? null)}.`, pointer);
  return amount;
}

/** A money amount that may be absent (undefined then). */
export function optionalMoney(value: unknown, pointer: string): number | undefined {
  return value === undefined || value === null || value === "" ? undefined : money(value, pointer);
}

/** Rounds to cents (sums of amounts stay free of binary noise). */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** A unit price from a line amount and a quantity, to six decimals (no binary noise, no rounding a real price). */
export function unitPrice(lineAmount: number, quantity: number): number {
  return Math.round((lineAmount / quantity) * 1e6) / 1e6;
}

/** The payload's array at `pointer`; 422 when it is missing or empty. */
export function nonEmptyArray(value: unknown, pointer: string, what: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) throw new InboundRejected(422, `The order has no ${what} (${pointer} is missing or empty).`, pointer);
  return value as Record<string, unknown>[];
}

/** An object field (empty object when absent or not an object). */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** "First Last" from name parts, or undefined when all are empty. */
export function fullName(...parts: unknown[]): string | undefined {
  return text(parts.map(text).filter(Boolean).join(" "));
}

/** Address parts joined with ", " (empty parts skipped), or undefined when all are empty. */
export function joinAddress(...parts: unknown[]): string | undefined {
  return text(parts.map(text).filter(Boolean).join(", "));
}

/**
 * A phone number for the order: E.164 when valid for the country, else E.164 when merely possible (test
 * numbers such as 555-555-5555), else the digits with a leading +; undefined when it has fewer than 5 digits.
 */
export function orderPhone(raw: unknown, country?: string): string | undefined {
  const value = text(raw);
  if (!value) return undefined;
  const region = (country && /^[A-Z]{2}$/.test(country) ? country : DEFAULT_PHONE_COUNTRY) as CountryCode;
  const valid = normalizePhone(value, region);
  if (valid) return valid;
  const parsed = parsePhoneNumberFromString(value, region);
  if (parsed?.isPossible()) return parsed.number;
  const digits = value.replace(/\D/g, "");
  if (digits.length < 5) return undefined;
  return value.trim().startsWith("+") ? `+${digits}` : digits;
}

/** Our store for an order: the first key found in `storeBy`, else `defaultStore`; 422 at `pointer` when neither. */
export function resolveStore(config: StorefrontConfig, keys: unknown[], pointer: string): string {
  for (const key of keys) {
    const name = text(key);
    const store = name === undefined ? undefined : config.storeBy?.[name];
    if (store) return store;
  }
  if (config.defaultStore) return config.defaultStore;
  const tried = keys.map(text).filter(Boolean);
  throw new InboundRejected(422, `No store for this order: ${tried.length ? `none of ${tried.map((k) => `"${k}"`).join(", ")} is in storeBy` : "it names no shipping method or location"} and the connector has no defaultStore.`, pointer);
}

/** The delivery slot for an order without one, per the configured policy; 422 at `pointer` when the policy is `reject`. */
export function slotFor(config: StorefrontConfig, createdAt: string | undefined, pointer: string): Slot {
  const policy = config.defaultSlot ?? STOREFRONT_DEFAULTS.defaultSlot;
  if (policy.policy === "reject") throw new InboundRejected(422, "This delivery order has no time slot, and the connector is set to refuse such orders.", pointer);
  const base = createdAt ? new Date(createdAt) : new Date();
  return defaultSlot(Number.isNaN(base.getTime()) ? new Date() : base, config.timeZone ?? STOREFRONT_DEFAULTS.timeZone, policy);
}

/** The customer's locale and time zone: the order's own when given, else the configuration's. */
export function customerLocale(config: StorefrontConfig, locale?: unknown): { locale: string; timeZone: string } {
  const own = text(locale)?.replace("_", "-");
  const usable = own && /^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(own) ? own : undefined;
  return { locale: usable ?? config.locale ?? STOREFRONT_DEFAULTS.locale, timeZone: config.timeZone ?? STOREFRONT_DEFAULTS.timeZone };
}

/**
 * The order with its `source`: the instance it came in through (the engine pushes the deal's stages back to
 * it) and whether that instance has a push URL (without one no stage push is queued).
 */
export function withSource(order: Order, instance: string, connector: string, config: Pick<StorefrontConfig, "pushUrl">): Order {
  return { ...order, source: { ...record(order.source), instance, connector, push: Boolean(config.pushUrl) } };
}

/** The `deal.start` command for a mapped order (on the configured route, if any). */
export function startDeal(order: Order, config: StorefrontConfig): EngineCommand {
  return { type: "deal.start", order, ...(config.routeKey ? { route: config.routeKey } : {}) };
}

/** An ISO 8601 instant from a date-time written without a zone that the storefront documents as UTC (`…_gmt`). */
export function utcIso(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? raw : `${raw}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(".000Z", "Z");
}

/** HTML entities in a product name (`&ndash;`, `&amp;`, `&#8211;`) decoded to text. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", hellip: "…",
  laquo: "«", raquo: "»", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", times: "×", trade: "™", reg: "®", copy: "©",
};

/** The external id of a storefront's order id: the instance's `idPrefix` (else the platform's) and the id; 422 at /id without one. */
export function externalIdOf(id: unknown, config: { idPrefix?: string }, defaultPrefix: string, platform: string): string {
  const value = text(id);
  if (!value) throw new InboundRejected(422, `The ${platform} order has no id.`, "/id");
  return `${config.idPrefix ?? defaultPrefix}${value}`;
}
