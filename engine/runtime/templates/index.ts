/**
 * Message templates (Handlebars) for email and SMS, per locale, with partials and helpers for money, dates
 * in the recipient's time zone, phones and cancellation reasons. The outbox dispatcher renders a message's
 * template with `renderMessage(name, channel, recipientLocale(deal), messageContext(deal, payload),
 * { timeZone: recipientTimeZone(deal, storeTimeZone) })`.
 */
import type { RenderedMessage } from "../../../connectors/sdk/index.ts";
import { templateDirs, type TemplateSummary } from "./catalogue.ts";
import { createTemplateRenderer, type TemplateRenderer } from "./renderer.ts";

export { messageContext, recipientLocale, recipientTimeZone, type MessageDeal } from "./context.ts";
export { createTemplateRenderer, type TemplateRenderer, type TemplateSources } from "./renderer.ts";
export { SHIPPED_TEMPLATES_DIR, templateDirs, type Channel, type TemplatePart, type TemplateSummary } from "./catalogue.ts";
export { messageTemplatesService, storeTimeZone } from "./message-templates.service.ts";
export { outboxMessageRenderer } from "./outbox-renderer.ts";
export type * from "./types.ts";

let shared: TemplateRenderer | undefined;

/** The renderer over the shipped templates and ORDER_ROUTES_TEMPLATES_DIR (compiled once per process). */
export function sharedRenderer(): TemplateRenderer {
  return (shared ??= createTemplateRenderer(templateDirs()));
}

/**
 * Renders template `name` for a channel in a locale (unknown locales fall back to `en`), dates in
 * `options.timeZone` (default UTC). Problem 404 naming the template when unknown or without that channel;
 * Problem 422 naming the file and line when a file does not compile.
 */
export function renderMessage(
  name: string,
  channel: "email" | "sms",
  locale: string,
  context: Record<string, unknown>,
  options?: { timeZone?: string },
): RenderedMessage {
  return sharedRenderer().render(name, channel, locale, context, options);
}

/** Every template with the channels it has and the locales it is written in. */
export function listTemplates(): TemplateSummary[] {
  return sharedRenderer().list();
}
