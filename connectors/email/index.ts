/** The email connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";
import { smtpConnector } from "./smtp/smtp.connector.ts";

/** Built-in email connectors. */
export const emailConnectors: Connector<any>[] = [smtpConnector];
