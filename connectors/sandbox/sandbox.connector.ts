/**
 * The sandbox connector: renders the message and keeps it on the deal's timeline instead of sending it.
 * The demo's `email` and `sms` instances use it, so a fresh install shows what would go out.
 */
import { defineConnector } from "../sdk/index.ts";
import elementTemplates from "./element-templates.json" with { type: "json" };

/** Sandbox configuration: which channel's templates to render. */
export interface SandboxConfig {
  channel: "email" | "sms";
}

/** A connector that delivers nowhere: every message is "delivered" to the timeline. */
export const sandboxConnector = defineConnector<SandboxConfig>({
  id: "sandbox",
  version: "1.0.0",
  title: "Sandbox (no delivery)",
  kind: "other",
  description: "Renders each message from its template and records it on the deal's timeline; nothing leaves the system.",
  configSchema: {
    type: "object",
    required: ["channel"],
    additionalProperties: false,
    properties: { channel: { enum: ["email", "sms"], title: "Render templates for", default: "sms" } },
  },
  actions: {
    send: {
      title: "Record a message",
      inputSchema: { type: "object", properties: { to: { type: "string" } } },
      async run(input, ctx) {
        const rendered = await ctx.render(ctx.config.channel);
        return { status: "delivered", providerId: `sandbox-${ctx.idempotencyKey}`, detail: { to: input.to ?? null, ...(rendered ? { rendered } : {}) } };
      },
    },
  },
  elementTemplates,
  async health() {
    return { ok: true, detail: "The sandbox never sends; messages are kept on the timeline." };
  },
});
