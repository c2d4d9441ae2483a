/** The sms connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";

/** Built-in sms connectors. */
export const smsConnectors: Connector<any>[] = [];
