/** The telephony connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";
import { asteriskAriConnector } from "./asterisk-ari/asterisk-ari.connector.ts";
import { zadarmaConnector } from "./zadarma/zadarma.connector.ts";

/** Built-in telephony connectors. */
export const telephonyConnectors: Connector<any>[] = [asteriskAriConnector, zadarmaConnector];
