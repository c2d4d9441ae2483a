/**
 * The connectors shipped with order-routes, one folder per kind (a provider = a sub-folder).
 */
import type { Connector } from "./sdk/index.ts";
import { emailConnectors } from "./email/index.ts";
import { smsConnectors } from "./sms/index.ts";
import { storefrontConnectors } from "./storefront/index.ts";
import { telephonyConnectors } from "./telephony/index.ts";
import { sandboxConnector } from "./sandbox/sandbox.connector.ts";

/** Every built-in connector. */
export const builtInConnectors: Connector<any>[] = [sandboxConnector, ...emailConnectors, ...smsConnectors, ...telephonyConnectors, ...storefrontConnectors];
