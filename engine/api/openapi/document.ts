/**
 * The hand-written OpenAPI 3.1 description of the API, served at /api/openapi.json.
 */
import { callPaths, callSchemas } from "./calls.openapi.ts";
import { connectorPaths, connectorSchemas } from "./connectors.openapi.ts";
import { messageTemplatePaths, messageTemplateSchemas } from "./message-templates.openapi.ts";
import { notificationPaths, notificationSchemas } from "./notifications.openapi.ts";
import { paths } from "./paths.ts";
import { schemas } from "./schemas.ts";

/** The OpenAPI document. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "order-routes API",
    version: "0.1.0",
    description:
      "Publish BPMN routes, start deals from orders, work tasks. Errors are application/problem+json. " +
      "Lists follow react-admin simple-REST: sort, range and filter as JSON query parameters, Content-Range in the response.",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  tags: ["meta", "auth", "routes", "deals", "tasks", "messages", "reasons", "users", "stores", "teams", "notifications", "connectors", "outbox", "webhooks", "message-templates", "calls"].map((name) => ({ name })),
  paths: { ...paths, ...notificationPaths, ...connectorPaths, ...messageTemplatePaths, ...callPaths },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Token from POST /api/auth/login, or an API token." } },
    schemas: { ...schemas, ...notificationSchemas, ...connectorSchemas, ...messageTemplateSchemas, ...callSchemas },
  },
} as const;
