/** The email connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";

/** Built-in email connectors. */
export const emailConnectors: Connector<any>[] = [];
