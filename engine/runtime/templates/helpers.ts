/**
 * The Handlebars helpers of message templates. Each reads the recipient's locale and time zone from the
 * render's data (`@locale`, `@timeZone`), so one compiled template serves every recipient:
 *
 *   {{money totals.total}}            1 234,50 ₽ (ru) · ₽1,234.50 (en); currency from the argument, else totals.currency
 *   {{date value}} {{time value}} {{datetime value}}   in the recipient's time zone; `style="short|medium|long|full"`
 *   {{phone customer.phone}}          +7 912 345 67 89
 *   {{reason code}}                   the cancellation reason's label in the locale (bare {{reason}}: the context's reason, else the deal's)
 *   {{#if (eq a b)}}  {{money (multiply quantity price)}}
 */
import type { HelperOptions } from "handlebars";
import reasonsCatalogue from "../../../definitions/reasons.json" with { type: "json" };
import { formatPhone } from "../../../connectors/sdk/index.ts";

/** What every render passes to the helpers as `@data`. */
export interface RenderData {
  /** The locale to format for (`ru`, `en-GB`). */
  locale: string;
  /** IANA time zone of the recipient. */
  timeZone: string;
}

type Style = "short" | "medium" | "long" | "full";
type Registrar = { registerHelper(name: string, fn: (...args: any[]) => unknown): void };

/** Currency used when neither the helper's argument nor the order's totals name one (ORDER_ROUTES_CURRENCY, else RUB). */
export const DEFAULT_CURRENCY = process.env.ORDER_ROUTES_CURRENCY ?? "RUB";

const REASON_LABELS = new Map((reasonsCatalogue as { code: string; label: Record<string, string> }[]).map((reason) => [reason.code, reason.label]));

/** Registers the message helpers on an (isolated) Handlebars environment. */
export function registerMessageHelpers(hb: Registrar): void {
  hb.registerHelper("money", (...args: unknown[]) => {
    const { params, options } = split(args);
    const [amount, currency] = params;
    const root = options.data?.root as { totals?: { currency?: unknown } } | undefined;
    return formatMoney(amount, stringOr(currency) ?? stringOr(root?.totals?.currency) ?? DEFAULT_CURRENCY, dataOf(options).locale);
  });
  hb.registerHelper("date", (...args: unknown[]) => dateHelper(args, "date"));
  hb.registerHelper("time", (...args: unknown[]) => dateHelper(args, "time"));
  hb.registerHelper("datetime", (...args: unknown[]) => dateHelper(args, "datetime"));
  hb.registerHelper("phone", (...args: unknown[]) => formatPhone(stringOr(split(args).params[0]) ?? ""));
  hb.registerHelper("reason", function (this: unknown, ...args: unknown[]) {
    const { params, options } = split(args);
    const own = (this as { reason?: unknown } | null)?.reason;
    const root = options.data?.root as { deal?: { lostReason?: unknown } } | undefined;
    const code = params.length > 0 ? params[0] : own ?? root?.deal?.lostReason;
    return reasonLabel(stringOr(code) ?? "", dataOf(options).locale);
  });
  hb.registerHelper("eq", (...args: unknown[]) => {
    const [a, b] = split(args).params;
    return a === b;
  });
  hb.registerHelper("multiply", (...args: unknown[]) => split(args).params.reduce<number>((product, value) => product * Number(value), 1));
}

/** An amount with its currency, written the way the locale writes money (`1 234,50 ₽`); "" when not a number. */
export function formatMoney(amount: unknown, currency: string, locale: string): string {
  const value = typeof amount === "number" ? amount : typeof amount === "string" && amount.trim() !== "" ? Number(amount) : Number.NaN;
  if (!Number.isFinite(value)) return "";
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" }).format(value);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/** A moment (ISO string, Date or epoch ms) as a date, a time or both in a time zone and locale; "" when not a moment. */
export function formatMoment(value: unknown, part: "date" | "time" | "datetime", locale: string, timeZone: string, style?: Style): string {
  const calendarDate = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const moment = value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : undefined;
  if (!moment || Number.isNaN(moment.getTime())) return "";
  const zone = calendarDate ? "UTC" : isTimeZone(timeZone) ? timeZone : "UTC";
  const options: Intl.DateTimeFormatOptions =
    part === "date" || calendarDate
      ? { dateStyle: style ?? "long" }
      : part === "time"
        ? { timeStyle: style ?? "short" }
        : { dateStyle: style ?? "long", timeStyle: "short" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(moment);
}

/** The label of a cancellation reason code in a locale (its language, else English, else the code itself). */
export function reasonLabel(code: string, locale: string): string {
  const labels = REASON_LABELS.get(code);
  if (!labels) return code;
  return labels[locale] ?? labels[locale.split("-")[0]!.toLowerCase()] ?? labels.en ?? code;
}

/** True for a time zone Intl knows (`Europe/Moscow`, `UTC`). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function dateHelper(args: unknown[], part: "date" | "time" | "datetime"): string {
  const { params, options } = split(args);
  const { locale, timeZone } = dataOf(options);
  const style = options.hash?.style as Style | undefined;
  return formatMoment(params[0], part, locale, timeZone, style && ["short", "medium", "long", "full"].includes(style) ? style : undefined);
}

function split(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

function dataOf(options: HelperOptions): RenderData {
  const data = (options?.data ?? {}) as Partial<RenderData>;
  return { locale: data.locale ?? "en", timeZone: data.timeZone ?? "UTC" };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
}
