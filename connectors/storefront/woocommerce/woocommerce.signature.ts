/**
 * WooCommerce webhook signatures and pings. A delivery carries `X-WC-Webhook-Signature` = base64 of
 * HMAC-SHA256 over the raw body with the webhook's secret (WC_Webhook::generate_signature, which first
 * decodes HTML entities in the secret). When a webhook is created WooCommerce POSTs a ping whose body is
 * `webhook_id=<id>` with no topic and no signature, and saves the webhook only if the answer is 200.
 */
import { hmac, safeEqual, type InboundRequest } from "../../sdk/index.ts";

/** The signature header WooCommerce sends. */
export const WC_SIGNATURE_HEADER = "x-wc-webhook-signature";
/** The topic header WooCommerce sends (`order.created`, `order.updated`, `order.deleted`…). */
export const WC_TOPIC_HEADER = "x-wc-webhook-topic";

/** The base64 HMAC-SHA256 WooCommerce sends for a body. */
export function wooSignature(secret: string, body: string | Buffer): string {
  return hmac("sha256", secret, body, "base64");
}

/** True when the request carries WooCommerce's signature of its raw body with the secret. */
export function verifyWooSignature(secret: string | undefined, request: InboundRequest): boolean {
  const signature = request.headers[WC_SIGNATURE_HEADER]?.trim();
  if (!secret || !signature) return false;
  const secrets = new Set([secret, decodeSpecialChars(secret)]);
  return [...secrets].some((key) => safeEqual(signature, wooSignature(key, request.rawBody)));
}

/** The webhook id when the request is WooCommerce's creation ping (`webhook_id=<id>`, no topic), else undefined. */
export function wooPingId(request: InboundRequest): string | undefined {
  if (request.headers[WC_TOPIC_HEADER]) return undefined;
  const match = /^webhook_id=(\d+)$/.exec(request.rawBody.toString("utf8").trim());
  return match?.[1];
}

/** WordPress's wp_specialchars_decode(…, ENT_QUOTES) for the five entities it knows. */
function decodeSpecialChars(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#0?39);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[entity as "amp"] ?? "'");
}
