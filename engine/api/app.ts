/**
 * The HTTP API: an express 5 app over the runtime's Services. Controllers only parse, call and send.
 */
import express, { type Express, type RequestHandler } from "express";
import { pino, type Logger } from "pino";
import type { Services } from "../runtime/contract.ts";
import { adminRoutes } from "./admin.routes.ts";
import { authenticate } from "./auth.ts";
import { authRoutes } from "./auth.routes.ts";
import { callsRoutes } from "./calls.routes.ts";
import { connectorInstancesRoutes, connectorsRoutes } from "./connectors.routes.ts";
import { hooksRoutes } from "./hooks.routes.ts";
import { outboxRoutes } from "./outbox.routes.ts";
import { XML_TYPES } from "./body.ts";
import { dealsRoutes } from "./deals.routes.ts";
import { errorHandler, notFound } from "./errors.ts";
import { healthRoutes } from "./health.routes.ts";
import { messageTemplatesRoutes } from "./message-templates.routes.ts";
import { messagesRoutes } from "./messages.routes.ts";
import { notificationsRoutes } from "./notifications.routes.ts";
import { routesRoutes } from "./routes.routes.ts";
import { tasksRoutes } from "./tasks.routes.ts";

/** Options of `createApp`. */
export interface AppOptions {
  /** Where 5xx errors are logged (default: pino at LOG_LEVEL or info). */
  logger?: Logger;
  /** Serves everything outside /api (the designer build or a home page). */
  web?: RequestHandler;
  /** Largest accepted request body (default 5mb). */
  bodyLimit?: string;
  /** The base URL providers call webhooks at, when behind a proxy (signatures over the URL need it; default: the request's host). */
  publicUrl?: string;
}

/** Builds the express app serving /api over the given services. */
export function createApp(services: Services, options: AppOptions = {}): Express {
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? "info" });
  const limit = options.bodyLimit ?? "5mb";
  const app = express();
  app.disable("x-powered-by");
  app.use("/hooks", hooksRoutes(services.connectors, { limit, publicUrl: options.publicUrl }));
  app.use(express.json({ limit }));
  app.use(express.text({ type: XML_TYPES, limit }));

  const signedIn = authenticate(services.auth);
  app.use("/api", healthRoutes());
  app.use("/api/auth", authRoutes(services.auth));
  app.use("/api/routes", signedIn, routesRoutes(services.routes));
  app.use("/api/deals", signedIn, dealsRoutes(services.deals));
  app.use("/api/deals", signedIn, callsRoutes(services.telephony));
  app.use("/api/tasks", signedIn, tasksRoutes(services.tasks));
  app.use("/api/messages", signedIn, messagesRoutes(services.deals));
  app.use("/api/reasons", signedIn, adminRoutes("reasons", services.reasons, { readRoles: ["any"] }));
  app.use("/api/users", signedIn, adminRoutes("users", services.users));
  app.use("/api/stores", signedIn, adminRoutes("stores", services.stores));
  app.use("/api/teams", signedIn, adminRoutes("teams", services.teams));
  app.use("/api/task-templates", signedIn, adminRoutes("task-templates", services.taskTemplates));
  app.use("/api/connectors", signedIn, connectorsRoutes(services.connectors));
  app.use("/api/connector-instances", signedIn, connectorInstancesRoutes(services.connectors));
  app.use("/api/outbox", signedIn, outboxRoutes(services.connectors));
  app.use("/api/message-templates", signedIn, messageTemplatesRoutes(services.messageTemplates));
  app.use("/api/notifications", notificationsRoutes(services.notifications, services.auth));
  app.use("/api", notFound);
  if (options.web) app.use(options.web);
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
