/**
 * Where message templates live: `<dir>/<locale>/<name>.<part>.hbs` (part: sms, subject, html, text) and
 * partials in `<dir>/partials/<partial>.hbs`. The shipped templates are in definitions/templates; a folder
 * named by ORDER_ROUTES_TEMPLATES_DIR is read after it, so its files add to or replace the shipped ones.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The channels a template renders for. */
export type Channel = "email" | "sms";

/** One file of a template. */
export type TemplatePart = "sms" | "subject" | "html" | "text";

/** The files each channel needs. */
export const CHANNEL_PARTS: Record<Channel, TemplatePart[]> = { email: ["subject", "html", "text"], sms: ["sms"] };

/** The shipped templates. */
export const SHIPPED_TEMPLATES_DIR = fileURLToPath(new URL("../../../definitions/templates/", import.meta.url));

/** The folders templates are read from, later ones overriding earlier ones (shipped, then ORDER_ROUTES_TEMPLATES_DIR). */
export function templateDirs(): string[] {
  const extra = process.env.ORDER_ROUTES_TEMPLATES_DIR?.trim();
  return extra ? [SHIPPED_TEMPLATES_DIR, extra] : [SHIPPED_TEMPLATES_DIR];
}

/** The template files found: by name, locale and part (absolute paths), and partials by name. */
export interface TemplateCatalogue {
  templates: Map<string, Map<string, Map<TemplatePart, string>>>;
  partials: Map<string, string>;
}

/** A template as `listTemplates` shows it. */
export interface TemplateSummary {
  name: string;
  /** Channels the template has every file of, in at least one locale. */
  channels: Channel[];
  /** Locales with at least one file of the template. */
  locales: string[];
  /** Files a channel needs that a locale lacks (`ru/order-confirmed.text.hbs`). */
  missing: string[];
}

const LOCALE = /^[a-z]{2}(-[A-Za-z]{2,4})?$/;
const FILE = /^(.+)\.(sms|subject|html|text)\.hbs$/;

/** Reads the folders (missing ones are skipped) into a catalogue. */
export function scanTemplates(dirs: readonly string[]): TemplateCatalogue {
  const catalogue: TemplateCatalogue = { templates: new Map(), partials: new Map() };
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry === "partials") {
        for (const file of readdirSync(path).filter((f) => f.endsWith(".hbs"))) catalogue.partials.set(file.slice(0, -".hbs".length), join(path, file));
      } else if (LOCALE.test(entry)) {
        for (const file of readdirSync(path)) {
          const match = FILE.exec(file);
          if (!match) continue;
          const [, name, part] = match as unknown as [string, string, TemplatePart];
          const locales = catalogue.templates.get(name) ?? new Map<string, Map<TemplatePart, string>>();
          const parts = locales.get(entry) ?? new Map<TemplatePart, string>();
          parts.set(part, join(path, file));
          locales.set(entry, parts);
          catalogue.templates.set(name, locales);
        }
      }
    }
  }
  return catalogue;
}

/** Every template of a catalogue with its channels, locales and missing files, by name. */
export function summarize(catalogue: TemplateCatalogue): TemplateSummary[] {
  return [...catalogue.templates.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, locales]) => {
      const localeNames = [...locales.keys()].sort();
      const channels = (Object.keys(CHANNEL_PARTS) as Channel[]).filter((channel) =>
        localeNames.some((locale) => CHANNEL_PARTS[channel].every((part) => locales.get(locale)!.has(part))),
      );
      const missing = localeNames.flatMap((locale) =>
        channels.flatMap((channel) => CHANNEL_PARTS[channel].filter((part) => !locales.get(locale)!.has(part)).map((part) => `${locale}/${name}.${part}.hbs`)),
      );
      return { name, channels, locales: localeNames, missing };
    });
}

/** The catalogue locale to use for a requested one: itself, its language, else `en`, else any the template has. */
export function pickLocale(requested: string, available: readonly string[]): string | undefined {
  const wanted = requested.toLowerCase();
  return (
    available.find((locale) => locale.toLowerCase() === wanted) ??
    available.find((locale) => locale === wanted.split("-")[0]) ??
    available.find((locale) => locale === "en") ??
    available[0]
  );
}
