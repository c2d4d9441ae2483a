/**
 * The connector catalogue as the API shows it: what each registered connector is, its configuration
 * schema (for forms generated from it), its actions, webhooks and element templates.
 */
import type { Connector } from "../../../connectors/sdk/index.ts";

/** A connector as listed by `GET /api/connectors`. */
export interface ConnectorView {
  id: string;
  version: string;
  title: string;
  kind: string;
  description: string | null;
  configSchema: Record<string, unknown>;
  actions: { name: string; title: string; channel: string | null; inputSchema: Record<string, unknown> }[];
  inbound: { name: string; title: string }[];
  sessions: boolean;
  elementTemplates: Record<string, unknown>[];
}

/** The view of one connector. */
export function connectorView(connector: Connector<any>): ConnectorView {
  return {
    id: connector.id,
    version: connector.version,
    title: connector.title,
    kind: connector.kind,
    description: connector.description ?? null,
    configSchema: connector.configSchema,
    actions: Object.entries(connector.actions).map(([name, action]) => ({ name, title: action.title, channel: action.channel ?? null, inputSchema: action.inputSchema })),
    inbound: Object.entries(connector.inbound ?? {}).map(([name, handler]) => ({ name, title: handler.title })),
    sessions: typeof connector.open === "function",
    elementTemplates: connector.elementTemplates ?? [],
  };
}
