/** The telephony connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";
import { zadarmaConnector } from "./zadarma/zadarma.connector.ts";

/** Built-in telephony connectors. */
export const telephonyConnectors: Connector<any>[] = [zadarmaConnector];
