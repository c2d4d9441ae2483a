/**
 * The package entry: the engine loads a connector package named in ORDER_ROUTES_CONNECTORS and takes its
 * default export (or an array exported as `connectors`).
 */
import { telegramConnector } from "./telegram.connector.ts";

/** The Telegram example connector. */
export default telegramConnector;
