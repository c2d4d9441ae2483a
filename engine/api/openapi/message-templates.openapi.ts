/**
 * The OpenAPI paths and schemas of /api/message-templates (merged into the document by document.ts).
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/json": { schema } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (description: string, schema: unknown) => ({ description, content: json(schema) });
const common = {
  "401": problem("No valid bearer token."),
  "403": problem("Only admins and operators read templates."),
  "500": problem("Internal error (details are logged, not sent)."),
};
const name = { name: "name", in: "path", required: true, description: "Template name (`order-confirmed`, `task.overdue`).", schema: { type: "string" } };
const parts = { type: "object", description: "Source files by part.", properties: { sms: { type: "string" }, subject: { type: "string" }, html: { type: "string" }, text: { type: "string" } } };

/** Paths of the message template endpoints. */
export const messageTemplatePaths: Record<string, Record<string, unknown>> = {
  "/api/message-templates": {
    get: {
      tags: ["message-templates"], summary: "Every email/SMS template with its channels and locales",
      responses: { "200": ok("The templates, by name.", { type: "array", items: ref("MessageTemplateSummary") }), ...common },
    },
  },
  "/api/message-templates/{name}": {
    get: {
      tags: ["message-templates"], summary: "A template with its Handlebars sources per locale", parameters: [name],
      responses: { "200": ok("The template.", ref("MessageTemplate")), ...common, "404": problem("No template of that name.") },
    },
  },
  "/api/message-templates/{name}/preview": {
    post: {
      tags: ["message-templates"],
      summary: "Render a template against a deal the caller can see, or against sample data",
      description:
        "Without dealId and data the shipped sample order is used (definitions/templates/sample.json). Locale and time zone default to " +
        "the recipient's (customer locale / time zone, else the store's time zone, else ORDER_ROUTES_DEFAULT_LOCALE / _TIME_ZONE).",
      parameters: [name],
      requestBody: { required: false, content: json(ref("MessagePreviewRequest")) },
      responses: {
        "200": ok("What would be sent.", ref("MessagePreview")),
        ...common,
        "404": problem("No template of that name, no such channel, or no deal the caller can see (pointer /dealId)."),
        "422": problem("A bad body (each error has a pointer), or a template file that does not compile (file and line)."),
      },
    },
  },
};

/** Schemas of the message template endpoints. */
export const messageTemplateSchemas: Record<string, unknown> = {
  MessageTemplateSummary: {
    type: "object",
    required: ["name", "channels", "locales", "missing"],
    properties: {
      name: { type: "string" },
      channels: { type: "array", items: { enum: ["email", "sms"] } },
      locales: { type: "array", items: { type: "string" } },
      missing: { type: "array", items: { type: "string" }, description: "Files a channel needs that a locale lacks (`ru/x.text.hbs`)." },
    },
  },
  MessageTemplate: {
    allOf: [
      ref("MessageTemplateSummary"),
      { type: "object", required: ["sources"], properties: { sources: { type: "object", additionalProperties: parts, description: "By locale." } } },
    ],
  },
  MessagePreviewRequest: {
    type: "object",
    additionalProperties: false,
    properties: {
      dealId: { type: "string", description: "Render against this deal (not with data)." },
      locale: { type: "string", pattern: "^[a-z]{2}(-[A-Za-z]{2,4})?$" },
      channel: { enum: ["email", "sms"], description: "Default: every channel the template has." },
      timeZone: { type: "string", description: "IANA time zone for dates." },
      data: { type: "object", description: "Order data (the order schema's shape) to render against instead of a deal." },
      payload: { type: "object", description: "The message payload: the task's inputs, or a notification's {title, body, kind, data}." },
    },
  },
  RenderedMessage: {
    type: "object",
    required: ["channel", "text", "locale"],
    properties: {
      channel: { enum: ["email", "sms"] },
      subject: { type: "string", description: "Email only." },
      html: { type: "string", description: "Email only." },
      text: { type: "string" },
      locale: { type: "string", description: "The locale of the template used." },
    },
  },
  MessagePreview: {
    type: "object",
    required: ["name", "dealId", "locale", "timeZone"],
    properties: {
      name: { type: "string" },
      dealId: { type: ["string", "null"] },
      locale: { type: "string" },
      timeZone: { type: "string" },
      email: ref("RenderedMessage"),
      sms: ref("RenderedMessage"),
    },
  },
};
