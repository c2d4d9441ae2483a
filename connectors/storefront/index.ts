/** The storefront connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";

/** Built-in storefront connectors. */
export const storefrontConnectors: Connector<any>[] = [];
