/**
 * The WooCommerce connector. Add a webhook in WooCommerce (Settings → Advanced → Webhooks) with delivery URL
 * `/hooks/<instance>/orders`, API version "WP REST API Integration v3", the same secret as the instance's, one
 * per topic: order.created starts a deal; order.updated becomes, by the order's status, a cancellation
 * (cancelled, refunded: customer_cancelled; failed: not_paid), message `payment.received` (processing with a
 * method paid in advance) or message `order.updated` (anything else, with the status and the mapped order);
 * order.deleted cancels. The creation ping and other topics are answered 200 and do nothing.
 */
import { defineConnector, InboundRejected, jsonBody, type EngineCommand, type InboundResult } from "../../sdk/index.ts";
import { optionalMoney, record, stagePushAction, startDeal, storefrontConfigSchema, text, utcIso, type StorefrontConfig } from "../shared/index.ts";
import { mapWooOrder, paidOnReceipt, wooExternalId, WOOCOMMERCE_ID } from "./woocommerce.mapping.ts";
import { verifyWooSignature, wooPingId, WC_TOPIC_HEADER } from "./woocommerce.signature.ts";

/** WooCommerce configuration: the webhook secret plus the shared storefront fields. */
export interface WooConfig extends StorefrontConfig {
  secret: string;
}

/** Reasons a WooCommerce status cancels a deal with. */
export const WOO_CANCEL_REASONS: Record<string, string> = { cancelled: "customer_cancelled", refunded: "customer_cancelled", failed: "not_paid" };

/** The WooCommerce connector. */
export const woocommerceConnector = defineConnector<WooConfig>({
  id: WOOCOMMERCE_ID,
  version: "1.0.0",
  title: "WooCommerce",
  kind: "storefront",
  description: "Receives WooCommerce order webhooks (X-WC-Webhook-Signature), maps wc/v3 orders to deals, and pushes stage changes back.",
  configSchema: storefrontConfigSchema({ secret: { type: "string", minLength: 1, "x-secret": true, title: "Webhook secret", description: "The secret of the WooCommerce webhooks." } }, ["secret"]),
  actions: { "stage.push": stagePushAction },
  inbound: {
    orders: {
      title: "Order webhooks (order.created, order.updated, order.deleted)",
      // the creation ping is unsigned; it is let through because it only ever yields "none"
      verify: (request, ctx) => wooPingId(request) !== undefined || verifyWooSignature(ctx.config.secret, request),
      parse(request, ctx): InboundResult {
        const ping = wooPingId(request);
        if (ping !== undefined) return { commands: [{ type: "none", note: `WooCommerce webhook ${ping} ping` }] };
        const topic = request.headers[WC_TOPIC_HEADER]?.trim();
        if (!topic) throw new InboundRejected(422, "The request has no X-WC-Webhook-Topic header; is it a WooCommerce webhook?");
        const body = record(jsonBody(request));
        return { commands: commandsFor(topic, body, ctx.config, ctx.instance) };
      },
    },
  },
});

function commandsFor(topic: string, body: Record<string, unknown>, config: WooConfig, instance: string): EngineCommand[] {
  if (!topic.startsWith("order.")) return [{ type: "none", note: `WooCommerce topic ${topic} is not about orders` }];
  if (body.id === undefined && typeof body.order === "object") {
    throw new InboundRejected(422, "This is a legacy API payload ({\"order\": …}); set the webhook's API version to WP REST API Integration v3.", "/order");
  }
  const orderId = wooExternalId(body.id, config);
  switch (topic) {
    case "order.created":
      return [startDeal(mapWooOrder(body, config, instance), config)];
    case "order.updated":
      return [updateCommand(body, orderId, config, instance)];
    case "order.deleted":
      return [{ type: "deal.cancel", orderId, reason: "customer_cancelled", note: "The order was deleted in WooCommerce." }];
    default:
      return [{ type: "none", note: `WooCommerce topic ${topic} needs nothing` }];
  }
}

function updateCommand(body: Record<string, unknown>, orderId: string, config: WooConfig, instance: string): EngineCommand {
  const status = text(body.status) ?? "";
  const reason = WOO_CANCEL_REASONS[status];
  if (reason) return { type: "deal.cancel", orderId, reason, note: `WooCommerce status: ${status}.` };
  if (status === "processing" && !paidOnReceipt(body)) {
    const payload = {
      paidAt: utcIso(body.date_paid_gmt) ?? null,
      method: text(body.payment_method) ?? null,
      transactionId: text(body.transaction_id) ?? null,
      total: optionalMoney(body.total, "/total") ?? null,
      currency: text(body.currency) ?? null,
    };
    return { type: "deal.message", name: "payment.received", orderId, payload };
  }
  return { type: "deal.message", name: "order.updated", orderId, payload: { status, order: mapWooOrder(body, config, instance) } };
}
