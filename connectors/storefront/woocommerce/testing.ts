/**
 * Test support for the WooCommerce connector: the corpus files, a configuration, and deliveries signed as
 * WooCommerce signs them (with the headers of the corpus' recorded delivery).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { InboundRejected, type EngineCommand, type InboundRequest, type Order } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { woocommerceConnector, type WooConfig } from "./woocommerce.connector.ts";
import { wooSignature } from "./woocommerce.signature.ts";

const CORPUS = new URL("../../../../shared/corpus/storefront/", import.meta.url);

/** A corpus file under storefront/, as text. */
export const read = (path: string): string => readFileSync(new URL(path, CORPUS), "utf8");
/** The wc/v3 order payloads in the corpus (the create request is a request body, not an order, so it is not among them). */
export const ORDER_FILES = ["woocommerce/order-727.wc-v3.create-response.json", "woocommerce/order-727.wc-v3.update-response-completed.json"];
/** The recorded delivery of the WooCommerce docs (real headers, legacy body, unpublished secret). */
export const deliveryLog = JSON.parse(read("woocommerce/webhook-delivery-log.order.updated.wc-v1-docs.json")) as { request_headers: Record<string, string | number>; request_body: string };
/** Order 727 as WooCommerce's order.created payload. */
export const order727 = JSON.parse(read(ORDER_FILES[0])) as Record<string, any>;

/** The instance configuration of the tests. */
export const config: WooConfig = {
  secret: "wc-secret",
  defaultStore: "store-1",
  storeBy: { local_pickup: "store-pickup-7" },
  locale: "en",
  timeZone: "America/Los_Angeles",
  defaultSlot: { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" },
};
/** The inbound context of instance "shop". */
export const ctx = inboundContext(config, "shop");
/** The handler under test. */
export const handler = woocommerceConnector.inbound!.orders;

/** The corpus delivery's headers as strings. */
export function recordedHeaders(): Record<string, string> {
  return Object.fromEntries(Object.entries(deliveryLog.request_headers).map(([k, v]) => [k, String(v)]));
}

/** A delivery as WooCommerce sends it: the corpus delivery headers, our topic, the body signed with the secret. */
export function delivery(topic: string, body: string | object, secret = config.secret): InboundRequest {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return inboundRequest({ body: raw, headers: { ...recordedHeaders(), "X-WC-Webhook-Topic": topic, "X-WC-Webhook-Signature": wooSignature(secret, raw) } });
}

/** The commands of a delivery, after checking that it verifies. */
export async function commands(request: InboundRequest, context = ctx): Promise<EngineCommand[]> {
  assert.equal(await handler.verify(request, context), true, "signature should verify");
  return (await handler.parse(request, context)).commands;
}

/** The order an order.created delivery starts a deal with. */
export async function started(wc: object, context = ctx): Promise<Order> {
  const [command] = await commands(delivery("order.created", wc), context);
  assert.equal(command.type, "deal.start");
  return (command as Extract<EngineCommand, { type: "deal.start" }>).order;
}

/** The InboundRejected a request's parse throws. */
export async function rejection(request: InboundRequest, context = ctx): Promise<InboundRejected> {
  const error = await Promise.resolve().then(() => handler.parse(request, context)).catch((e: unknown) => e);
  assert.ok(error instanceof InboundRejected, `expected InboundRejected, got ${String(error)}`);
  return error;
}
