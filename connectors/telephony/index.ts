/** The telephony connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";

/** Built-in telephony connectors. */
export const telephonyConnectors: Connector<any>[] = [];
