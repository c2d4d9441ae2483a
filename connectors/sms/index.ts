/** The sms connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";
import { smppConnector } from "./smpp/smpp.connector.ts";
import { twilioConnector } from "./twilio/twilio.connector.ts";

/** Built-in sms connectors. */
export const smsConnectors: Connector<any>[] = [twilioConnector, smppConnector];
