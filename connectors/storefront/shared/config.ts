/**
 * The configuration every storefront connector shares: where orders go (stores, city), the customer's
 * locale and time zone, the delivery slot given to orders that name none, the route deals start on, and
 * where stage changes are pushed back (URL and signing secret).
 */
import type { JsonSchema } from "../../sdk/index.ts";

/** What a storefront connector does with a delivery order that names no time slot. */
export interface DefaultSlotPolicy {
  /** `next-day`: give it a slot `daysAhead` days after the order's date, `start`–`end` local time; `reject`: refuse the order (422). */
  policy: "next-day" | "reject";
  daysAhead?: number;
  /** Local time `HH:MM` in the configured time zone. */
  start?: string;
  end?: string;
}

/** The shared part of a storefront connector's configuration. */
export interface StorefrontConfig {
  /** Our store id for orders that match nothing in `storeBy`. */
  defaultStore?: string;
  /** Our store id by the storefront's shipping method id / title or location id. */
  storeBy?: Record<string, string>;
  city?: string;
  /** Language of customer messages when the order does not say (en, ru). */
  locale?: string;
  /** IANA time zone of the customers (quiet hours, default slots, dates in messages). */
  timeZone?: string;
  defaultSlot?: DefaultSlotPolicy;
  /** Route key deals start on; the engine's default route when absent. */
  routeKey?: string;
  /** Prefix of the external order id (e.g. `wc-`); lets two shops of one platform feed one engine. */
  idPrefix?: string;
  /** Where each stage change of a deal is POSTed (signed); nothing is pushed when absent. */
  pushUrl?: string;
  /** HMAC-SHA256 key of the pushed bodies (`X-Order-Routes-Signature: sha256=<hex>`). */
  pushSecret?: string;
}

/** The defaults of the shared fields, as the config schema fills them in. */
export const STOREFRONT_DEFAULTS = {
  locale: "ru",
  timeZone: "Europe/Moscow",
  defaultSlot: { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" },
} as const satisfies Partial<StorefrontConfig>;

const localTime = { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" };

/** JSON Schema properties of the shared fields, to spread into a connector's configuration schema. */
export const storefrontConfigProperties: Record<string, JsonSchema> = {
  defaultStore: { type: "string", minLength: 1, title: "Default store", description: "Our store id for orders that match nothing in storeBy." },
  storeBy: {
    type: "object",
    title: "Store by shipping method or location",
    description: "Maps the storefront's shipping method id (or `method:instance`), shipping title or location id to our store id.",
    additionalProperties: { type: "string", minLength: 1 },
  },
  city: { type: "string", minLength: 1, title: "City" },
  locale: { type: "string", pattern: "^[a-z]{2}(-[A-Za-z]{2,4})?$", default: STOREFRONT_DEFAULTS.locale, title: "Customer language" },
  timeZone: { type: "string", minLength: 1, default: STOREFRONT_DEFAULTS.timeZone, title: "Customer time zone (IANA)" },
  defaultSlot: {
    type: "object",
    title: "Slot for delivery orders without one",
    required: ["policy"],
    additionalProperties: false,
    default: STOREFRONT_DEFAULTS.defaultSlot,
    properties: {
      policy: { enum: ["next-day", "reject"], default: "next-day" },
      daysAhead: { type: "integer", minimum: 0, maximum: 30, default: 1 },
      start: { ...localTime, default: "10:00" },
      end: { ...localTime, default: "14:00" },
    },
  },
  routeKey: { type: "string", minLength: 1, title: "Route", description: "Key of the route new deals start on (the default route when empty)." },
  idPrefix: { type: "string", pattern: "^[A-Za-z0-9_.:-]*$", title: "External id prefix" },
  pushUrl: { type: "string", pattern: "^https?://", title: "Stage push URL", description: "Each stage change is POSTed here as signed JSON." },
  pushSecret: { type: "string", minLength: 1, "x-secret": true, title: "Stage push secret", description: "HMAC-SHA256 key of the X-Order-Routes-Signature header." },
};

/** A storefront connector's configuration schema: the shared fields plus its own (`required` lists its own required fields). */
export function storefrontConfigSchema(own: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: "object", required, additionalProperties: false, properties: { ...own, ...storefrontConfigProperties } };
}
