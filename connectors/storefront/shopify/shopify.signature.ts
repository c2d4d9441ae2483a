/**
 * Shopify webhook signatures: `X-Shopify-Hmac-Sha256` = base64 of HMAC-SHA256 over the raw body with the
 * app's client secret (newer deliveries may name the headers without the `X-` prefix).
 */
import { hmac, safeEqual, type InboundRequest } from "../../sdk/index.ts";

/** The base64 HMAC-SHA256 Shopify sends for a body. */
export function shopifySignature(secret: string, body: string | Buffer): string {
  return hmac("sha256", secret, body, "base64");
}

/** A Shopify header, with or without the `X-` prefix. */
export function shopifyHeader(request: InboundRequest, name: string): string | undefined {
  return (request.headers[`x-shopify-${name}`] ?? request.headers[`shopify-${name}`])?.trim() || undefined;
}

/** True when the request carries Shopify's signature of its raw body with the secret. */
export function verifyShopifySignature(secret: string | undefined, request: InboundRequest): boolean {
  const signature = shopifyHeader(request, "hmac-sha256");
  return Boolean(secret && signature) && safeEqual(signature, shopifySignature(secret as string, request.rawBody));
}
