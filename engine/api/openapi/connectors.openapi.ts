/**
 * The OpenAPI paths and schemas of connectors, connector instances, the outbox and webhooks (merged into
 * the document by document.ts).
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/json": { schema } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (description: string, schema: unknown) => ({ description, content: json(schema) });
const common = { "401": problem("No valid bearer token."), "403": problem("Not an admin (or integrator where allowed)."), "500": problem("Internal error (details are logged, not sent).") };
const id = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const list = [
  { name: "sort", in: "query", schema: { type: "string" }, description: 'JSON ["field", "ASC" | "DESC"]' },
  { name: "range", in: "query", schema: { type: "string" }, description: "JSON [start, end], inclusive" },
  { name: "filter", in: "query", schema: { type: "string" }, description: "JSON object of field → value" },
];
const instanceBody = { required: true, content: json(ref("ConnectorInstanceInput")) };
const webhook = (method: string) => ({
  tags: ["webhooks"],
  summary: `A provider's or storefront's webhook (${method}); the connector verifies its signature`,
  security: [],
  parameters: [id("instance", "Connector instance name, e.g. shop, sms"), id("handler", "The connector's webhook, e.g. orders, status, events")],
  responses: {
    "200": { description: "Handled: the commands it ran (or the exact answer the provider expects)." },
    "201": { description: "A deal was started." },
    "202": { description: "About an order that has no deal: acknowledged, nothing changed (`found: false`)." },
    "400": problem("The body is not what the content type says."),
    "401": problem("The signature does not verify; nothing was done."),
    "404": problem("No such instance or webhook."),
    "422": problem("The payload is malformed; `errors[].pointer` names the field. Nothing was done."),
  },
});

/** Paths of the connector endpoints. */
export const connectorPaths: Record<string, Record<string, unknown>> = {
  "/api/connectors": {
    get: { tags: ["connectors"], summary: "Installed connectors with configuration schemas, actions, webhooks and element templates", responses: { "200": ok("Every connector.", { type: "array", items: ref("Connector") }), ...common } },
  },
  "/api/connectors/element-templates": {
    get: { tags: ["connectors"], summary: "Every connector's bpmn-js element templates, for the designer", responses: { "200": ok("Element templates.", { type: "array", items: { type: "object" } }), "401": common["401"] } },
  },
  "/api/connector-instances": {
    get: { tags: ["connectors"], summary: "Configured instances (secrets masked)", parameters: list, responses: { "200": ok("A page.", { type: "array", items: ref("ConnectorInstance") }), ...common } },
    post: { tags: ["connectors"], summary: "Configure an instance (configuration validated, stored encrypted)", requestBody: instanceBody, responses: { "201": ok("Created.", ref("ConnectorInstance")), "409": problem("The name is taken."), "422": problem("Unknown connector or invalid configuration (pointer into /config)."), ...common } },
  },
  "/api/connector-instances/{id}": {
    get: { tags: ["connectors"], summary: "One instance", parameters: [id("id", "Instance name")], responses: { "200": ok("The instance.", ref("ConnectorInstance")), "404": problem("Unknown instance."), ...common } },
    put: { tags: ["connectors"], summary: "Change an instance; a masked secret sent back keeps the stored one", parameters: [id("id", "Instance name")], requestBody: instanceBody, responses: { "200": ok("Changed.", ref("ConnectorInstance")), "404": problem("Unknown instance."), "422": problem("Invalid configuration."), ...common } },
    delete: { tags: ["connectors"], summary: "Remove an instance", parameters: [id("id", "Instance name")], responses: { "200": ok("As it was.", ref("ConnectorInstance")), "404": problem("Unknown instance."), ...common } },
  },
  "/api/connector-instances/{id}/test": {
    post: { tags: ["connectors"], summary: "Run the instance's health check", parameters: [id("id", "Instance name")], responses: { "200": ok("The result.", { type: "object", required: ["ok", "detail"], properties: { ok: { type: "boolean" }, detail: { type: "string" } } }), "404": problem("Not configured."), "409": problem("Disabled."), ...common } },
  },
  "/api/outbox": {
    get: { tags: ["outbox"], summary: "Outgoing messages and their delivery state, newest first", parameters: list, responses: { "200": ok("A page.", { type: "array", items: ref("OutboxMessage") }), ...common } },
  },
  "/api/outbox/{id}": {
    get: { tags: ["outbox"], summary: "One message", parameters: [id("id", "Message id")], responses: { "200": ok("The message.", ref("OutboxMessage")), "404": problem("Unknown message."), ...common } },
  },
  "/api/outbox/{id}/retry": {
    post: { tags: ["outbox"], summary: "Retry a dead, bounced or undelivered message with a fresh set of tries", parameters: [id("id", "Message id")], responses: { "200": ok("Back in line.", ref("OutboxMessage")), "404": problem("Unknown message."), "409": problem("The message is not dead, bounced or undelivered."), ...common } },
  },
  "/hooks/{instance}/{handler}": { post: webhook("POST"), get: webhook("GET, for providers' URL checks") },
};

/** Schemas of the connector endpoints. */
export const connectorSchemas: Record<string, unknown> = {
  Connector: {
    type: "object",
    required: ["id", "version", "title", "kind", "configSchema", "actions", "inbound"],
    properties: {
      id: { type: "string" }, version: { type: "string" }, title: { type: "string" }, kind: { enum: ["email", "sms", "telephony", "storefront", "other"] },
      description: { type: ["string", "null"] }, configSchema: { type: "object", description: 'JSON Schema; secrets carry "x-secret": true' },
      actions: { type: "array", items: { type: "object", properties: { name: { type: "string" }, title: { type: "string" }, channel: { type: ["string", "null"] }, inputSchema: { type: "object" } } } },
      inbound: { type: "array", items: { type: "object", properties: { name: { type: "string" }, title: { type: "string" } } } },
      sessions: { type: "boolean" }, elementTemplates: { type: "array", items: { type: "object" } },
    },
  },
  ConnectorInstanceInput: {
    type: "object",
    properties: { name: { type: "string", pattern: "^[a-z][a-z0-9_-]{0,63}$" }, connector: { type: "string" }, enabled: { type: "boolean" }, config: { type: "object" } },
  },
  ConnectorInstance: {
    type: "object",
    required: ["id", "name", "connector", "enabled", "config"],
    properties: { id: { type: "string" }, name: { type: "string" }, connector: { type: "string" }, enabled: { type: "boolean" }, config: { type: "object", description: "Secrets shown as ••••••" }, createdAt: { type: "string" }, updatedAt: { type: "string" }, updatedBy: { type: ["string", "null"] } },
  },
  OutboxMessage: {
    type: "object",
    required: ["id", "instance", "action", "status", "attempts"],
    properties: {
      id: { type: "integer" }, dealId: { type: ["string", "null"] }, instance: { type: "string" }, action: { type: "string" }, template: { type: ["string", "null"] },
      audience: { enum: ["customer", "staff", "system", null] }, status: { enum: ["pending", "sending", "sent", "delivered", "undelivered", "bounced", "dead"] },
      attempts: { type: "integer" }, nextAttemptAt: { type: ["string", "null"] }, lastError: { type: ["string", "null"] }, providerId: { type: ["string", "null"] },
      payload: { type: "object" }, rendered: { type: ["object", "null"] }, result: { type: ["object", "null"] }, createdAt: { type: "string" }, sentAt: { type: ["string", "null"] }, deliveredAt: { type: ["string", "null"] },
    },
  },
};
