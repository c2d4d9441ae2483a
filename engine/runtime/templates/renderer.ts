/**
 * Renders message templates in an isolated Handlebars environment: files are read and compiled once (then
 * cached), HTML is escaped (Handlebars' default) while subject, text and SMS are written as they are.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { RenderedMessage } from "../../../connectors/sdk/index.ts";
import { Problem } from "../../problem.ts";
import { CHANNEL_PARTS, pickLocale, scanTemplates, summarize, type Channel, type TemplateCatalogue, type TemplatePart, type TemplateSummary } from "./catalogue.ts";
import { isTimeZone, registerMessageHelpers, type RenderData } from "./helpers.ts";

/** A template's source files, by locale and part. */
export type TemplateSources = Record<string, Partial<Record<TemplatePart, string>>>;

/** Renders the templates found in some folders. */
export interface TemplateRenderer {
  /** Renders a template for a channel (see `renderMessage` in index.ts). */
  render(name: string, channel: Channel, locale: string, context: Record<string, unknown>, options?: { timeZone?: string }): RenderedMessage;
  /** Every template with its channels and locales. */
  list(): TemplateSummary[];
  /** A template's sources; Problem 404 when unknown. */
  sources(name: string): { summary: TemplateSummary; sources: TemplateSources };
  /** Compiles every template and partial file; the Problem 422 of the first that does not compile. */
  check(): void;
}

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

type Compiled = (context: unknown, options?: Handlebars.RuntimeOptions & { data?: RenderData }) => string;

/** A renderer over template folders (later folders override earlier ones), scanned on first use. */
export function createTemplateRenderer(dirs: readonly string[]): TemplateRenderer {
  // two environments, so that a partial is escaped in HTML and written as it is in subjects, texts and SMS
  const envs = { html: messageEnvironment(), plain: messageEnvironment() };
  const compiled = new Map<string, Compiled>();
  let catalogue: TemplateCatalogue | undefined;

  const load = (): TemplateCatalogue => {
    if (catalogue) return catalogue;
    const found = scanTemplates(dirs);
    for (const [name, path] of found.partials) {
      envs.html.registerPartial(name, compile(path, true));
      envs.plain.registerPartial(name, compile(path, false));
    }
    catalogue = found;
    return found;
  };

  const compile = (path: string, html: boolean): Compiled => {
    const key = `${html ? "html" : "plain"}:${path}`;
    const cached = compiled.get(key);
    if (cached) return cached;
    const env = html ? envs.html : envs.plain;
    const source = readFileSync(path, "utf8");
    try {
      env.parse(source);
    } catch (error) {
      throw compileProblem(path, error);
    }
    const template = env.compile(source, { noEscape: !html, strict: false }) as Compiled;
    const guarded: Compiled = (context, options) => {
      try {
        return template(context, options);
      } catch (error) {
        throw error instanceof Problem ? error : compileProblem(path, error);
      }
    };
    compiled.set(key, guarded);
    return guarded;
  };

  const compileProblem = (path: string, error: unknown): Problem => {
    const message = error instanceof Error ? error.message : String(error);
    const line = (error as { lineNumber?: number }).lineNumber ?? Number(/on line (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const file = displayPath(path);
    const where = Number.isFinite(line) ? `${file}, line ${line}` : file;
    return new Problem(422, "Template does not compile", `${where}: ${message.split("\n")[0]}`, [{ message: `${where}: ${message}` }]);
  };

  const findName = (name: string) => {
    const locales = load().templates.get(name);
    if (!locales) throw new Problem(404, "Template not found", `No message template "${name}"; the templates are ${[...load().templates.keys()].sort().join(", ") || "none"}.`);
    return locales;
  };

  return {
    render(name, channel, locale, context, options = {}) {
      const locales = findName(name);
      const usable = [...locales.entries()].filter(([, parts]) => CHANNEL_PARTS[channel].every((part) => parts.has(part))).map(([l]) => l);
      const chosen = pickLocale(locale || "en", usable);
      if (!chosen) throw new Problem(404, "Template not found", `The message template "${name}" has no ${channel} version (it needs ${CHANNEL_PARTS[channel].map((part) => `${name}.${part}.hbs`).join(", ")}).`);
      const parts = locales.get(chosen)!;
      const sameLanguage = locale.toLowerCase().split("-")[0] === chosen.split("-")[0];
      const data: RenderData = { locale: sameLanguage ? locale : chosen, timeZone: isTimeZone(options.timeZone) ? options.timeZone : "UTC" };
      const run = (part: TemplatePart) => compile(parts.get(part)!, part === "html")(context, { data });
      if (channel === "sms") return { channel, text: tidyText(run("sms")), locale: chosen };
      return { channel, subject: run("subject").replace(/\s+/g, " ").trim(), html: run("html").trim() + "\n", text: tidyText(run("text")), locale: chosen };
    },
    list: () => summarize(load()),
    sources(name) {
      const locales = findName(name);
      const summary = summarize(load()).find((s) => s.name === name)!;
      const sources: TemplateSources = {};
      for (const [locale, parts] of [...locales.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        sources[locale] = Object.fromEntries([...parts.entries()].map(([part, path]) => [part, readFileSync(path, "utf8")]));
      }
      return { summary, sources };
    },
    check() {
      const found = load();
      for (const locales of found.templates.values()) for (const parts of locales.values()) for (const [part, path] of parts) compile(path, part === "html");
    },
  };
}

/** A template file's path as people read it: from the repository root for shipped files, else as found. */
function displayPath(path: string): string {
  const fromRepo = relative(REPO_ROOT, path);
  return fromRepo.startsWith("..") ? path : fromRepo.split("\\").join("/");
}

function messageEnvironment(): typeof Handlebars {
  const env = Handlebars.create();
  registerMessageHelpers(env);
  return env;
}

/** Plain text as sent: trailing spaces cut, at most one blank line in a row, no blank lines around. */
function tidyText(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
