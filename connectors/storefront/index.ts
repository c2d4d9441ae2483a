/** The storefront connectors shipped with order-routes. */
import type { Connector } from "../sdk/index.ts";
import { commercemlConnector } from "./commerceml/commerceml.connector.ts";
import { genericConnector } from "./generic/generic.connector.ts";
import { shopifyConnector } from "./shopify/shopify.connector.ts";
import { woocommerceConnector } from "./woocommerce/woocommerce.connector.ts";

/** Built-in storefront connectors. */
export const storefrontConnectors: Connector<any>[] = [genericConnector, woocommerceConnector, shopifyConnector, commercemlConnector];
