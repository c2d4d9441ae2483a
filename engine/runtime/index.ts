/**
 * The runtime: carries out commands (load → core.transition → persist snapshot and effects in one
 * transaction) and offers the services the API and the CLI use.
 */
import type { DataSource } from "typeorm";
import { authService } from "./auth.service.ts";
import { telephonyService } from "./calls/index.ts";
import { connectorServices, type ConnectorOptions } from "./connectors/index.ts";
import { createContext, type RuntimeOptions } from "./context.ts";
import type { Services } from "./contract.ts";
import { dealsService } from "./deals.service.ts";
import { notificationsService } from "./notifications/index.ts";
import { reasonsService } from "./reasons.service.ts";
import { storesService, teamsService, usersService } from "./admin.service.ts";
import { routesService } from "./routes.service.ts";
import { taskTemplatesService } from "./task-templates.service.ts";
import { tasksService } from "./tasks.service.ts";
import { messageTemplatesService, sharedRenderer } from "./templates/index.ts";
import { timersService } from "./timers.service.ts";

export type { RuntimeOptions } from "./context.ts";
export type { ConnectorOptions } from "./connectors/index.ts";
export { resolveSecretKey } from "./connectors/index.ts";
export { seedDemo, type DemoLogin } from "./seed.ts";
export { seedReasons, REASONS_FILE } from "./reasons.service.ts";
export { hashPassword, verifyPassword, issueApiToken } from "./auth.service.ts";
export { DEFAULT_ROUTE_KEY } from "./deals.service.ts";
export type * from "./contract.ts";

/** Builds every service over one initialised, migrated data source. */
export function createServices(dataSource: DataSource, options: RuntimeOptions & ConnectorOptions = {}): Services {
  const ctx = createContext(dataSource, options);
  const deals = dealsService(ctx);
  const connectors = connectorServices(ctx, deals, options);
  return {
    routes: routesService(ctx),
    deals,
    connectors,
    tasks: tasksService(ctx),
    auth: authService(ctx),
    reasons: reasonsService(dataSource),
    users: usersService(ctx),
    stores: storesService(ctx),
    teams: teamsService(ctx),
    taskTemplates: taskTemplatesService(ctx),
    timers: timersService(ctx),
    notifications: notificationsService(dataSource, ctx.now),
    messageTemplates: messageTemplatesService(ctx, sharedRenderer),
    telephony: telephonyService(ctx, connectors),
  };
}
