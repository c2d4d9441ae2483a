/**
 * The Shopify connector. Subscribe the app's webhooks (orders/create, orders/updated, orders/cancelled,
 * orders/paid, orders/delete) to `/hooks/<instance>/orders`, JSON format; the instance's secret is the app's
 * client secret. orders/create starts a deal; orders/updated becomes message `order.updated` (financial and
 * fulfilment status plus the mapped order); orders/cancelled cancels the deal with a reason from Shopify's
 * cancel_reason; orders/paid becomes message `payment.received`; orders/delete cancels. Other topics do nothing.
 */
import { defineConnector, InboundRejected, jsonBody, type EngineCommand, type InboundResult } from "../../sdk/index.ts";
import { optionalMoney, record, stagePushAction, startDeal, storefrontConfigSchema, text, type StorefrontConfig } from "../shared/index.ts";
import { mapShopifyOrder, shopifyExternalId, SHOPIFY_ID } from "./shopify.mapping.ts";
import { shopifyHeader, verifyShopifySignature } from "./shopify.signature.ts";

/** Shopify configuration: the app's client secret plus the shared storefront fields. */
export interface ShopifyConfig extends StorefrontConfig {
  secret: string;
}

/** Our cancellation reason for each Shopify cancel_reason (anything else: customer_cancelled). */
export const SHOPIFY_CANCEL_REASONS: Record<string, string> = { customer: "customer_cancelled", fraud: "fake_order", inventory: "out_of_stock", declined: "not_paid" };

/** The Shopify connector. */
export const shopifyConnector = defineConnector<ShopifyConfig>({
  id: SHOPIFY_ID,
  version: "1.0.0",
  title: "Shopify",
  kind: "storefront",
  description: "Receives Shopify order webhooks (X-Shopify-Hmac-Sha256), maps orders to deals, and pushes stage changes back.",
  configSchema: storefrontConfigSchema({ secret: { type: "string", minLength: 1, "x-secret": true, title: "App client secret", description: "Shopify signs webhooks with it." } }, ["secret"]),
  actions: { "stage.push": stagePushAction },
  inbound: {
    orders: {
      title: "Order webhooks (orders/create, orders/updated, orders/cancelled, orders/paid, orders/delete)",
      verify: (request, ctx) => verifyShopifySignature(ctx.config.secret, request),
      parse(request, ctx): InboundResult {
        const topic = shopifyHeader(request, "topic");
        if (!topic) throw new InboundRejected(422, "The request has no X-Shopify-Topic header; is it a Shopify webhook?");
        return { commands: [commandFor(topic, record(jsonBody(request)), ctx.config, ctx.instance)] };
      },
    },
  },
});

function commandFor(topic: string, body: Record<string, unknown>, config: ShopifyConfig, instance: string): EngineCommand {
  if (!topic.startsWith("orders/")) return { type: "none", note: `Shopify topic ${topic} is not about orders` };
  const orderId = shopifyExternalId(body.id, config);
  switch (topic) {
    case "orders/create":
      return startDeal(mapShopifyOrder(body, config, instance), config);
    case "orders/updated":
      return { type: "deal.message", name: "order.updated", orderId, payload: { financialStatus: text(body.financial_status) ?? null, fulfillmentStatus: text(body.fulfillment_status) ?? null, order: mapShopifyOrder(body, config, instance) } };
    case "orders/cancelled": {
      const cause = text(body.cancel_reason) ?? "";
      return { type: "deal.cancel", orderId, reason: SHOPIFY_CANCEL_REASONS[cause] ?? "customer_cancelled", note: `Cancelled in Shopify${cause ? ` (cancel_reason: ${cause})` : ""}.` };
    }
    case "orders/paid":
      return {
        type: "deal.message",
        name: "payment.received",
        orderId,
        payload: { financialStatus: text(body.financial_status) ?? null, total: optionalMoney(body.total_price, "/total_price") ?? null, currency: text(body.currency) ?? null, gateways: Array.isArray(body.payment_gateway_names) ? body.payment_gateway_names : [] },
      };
    case "orders/delete":
      return { type: "deal.cancel", orderId, reason: "customer_cancelled", note: "The order was deleted in Shopify." };
    default:
      return { type: "none", note: `Shopify topic ${topic} needs nothing` };
  }
}
