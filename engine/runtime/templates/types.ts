/**
 * The message templates service as the API sees it: listing templates, reading their sources, previews.
 */
import type { RenderedMessage } from "../../../connectors/sdk/index.ts";
import type { Caller } from "../contract.ts";
import type { Channel, TemplateSummary } from "./catalogue.ts";
import type { TemplateSources } from "./renderer.ts";

/** A template with its source files by locale and part (`sms`, `subject`, `html`, `text`). */
export interface MessageTemplateView extends TemplateSummary {
  sources: TemplateSources;
}

/** What to render a preview against: a deal the caller can see, or sample order data (the shipped sample when neither). */
export interface PreviewRequest {
  dealId?: string;
  /** Default: the deal's customer locale (see recipientLocale). */
  locale?: string;
  /** Default: every channel the template has. */
  channel?: Channel;
  /** Default: the deal's recipient time zone (see recipientTimeZone). */
  timeZone?: string;
  /** Order data to render against instead of a deal (the order schema's shape). */
  data?: Record<string, unknown>;
  /** The message payload (the connector task's inputs, or a notification's {title, body, kind, data…}). */
  payload?: Record<string, unknown>;
}

/** A rendered preview. */
export interface PreviewView {
  name: string;
  dealId: string | null;
  locale: string;
  timeZone: string;
  email?: RenderedMessage;
  sms?: RenderedMessage;
}

/** Listing, reading and previewing message templates. */
export interface MessageTemplatesService {
  list(): Promise<TemplateSummary[]>;
  /** One template with its sources; Problem 404 when unknown. */
  get(name: string): Promise<MessageTemplateView>;
  /** Renders a template against a deal (Problem 404 when unknown or not visible) or sample data; Problem 422 for a bad body. */
  preview(name: string, body: unknown, caller: Caller): Promise<PreviewView>;
}
