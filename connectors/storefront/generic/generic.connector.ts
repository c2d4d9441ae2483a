/**
 * The generic storefront connector: a shop that speaks our own JSON. It POSTs our order schema to
 * `/hooks/<instance>/orders`, signed `X-Order-Routes-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * with the instance's secret, and names the event in `X-Order-Routes-Event`:
 * `order.created` → a deal starts; `order.updated` → message `order.updated` to the deal (the body is the
 * payload); `order.cancelled` → the deal is cancelled (`reason` from the body, else `customer_cancelled`);
 * `order.paid` / `payment.received` → message `payment.received`. Updates, cancellations and payments
 * name the order by `externalId` (or `orderId`). Stage changes are pushed back with `stage.push`.
 */
import { defineConnector, InboundRejected, jsonBody, type EngineCommand, type InboundResult, type Order } from "../../sdk/index.ts";
import {
  checkOrder,
  customerLocale,
  record,
  resolveStore,
  slotFor,
  stagePushAction,
  startDeal,
  storefrontConfigSchema,
  text,
  verifyBodySignature,
  withSource,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  type StorefrontConfig,
} from "../shared/index.ts";

/** Generic storefront configuration: the webhook secret plus the shared storefront fields. */
export interface GenericConfig extends StorefrontConfig {
  secret: string;
}

/** The reason recorded when the storefront cancels without giving one. */
export const CUSTOMER_CANCELLED = "customer_cancelled";

/** The connector's id (also written into each order's `source.connector`). */
export const GENERIC_ID = "generic";

/** The events the generic webhook understands. */
export const GENERIC_EVENTS = ["order.created", "order.updated", "order.cancelled", "order.paid", "payment.received"] as const;

/** The generic JSON storefront connector. */
export const genericConnector = defineConnector<GenericConfig>({
  id: GENERIC_ID,
  version: "1.0.0",
  title: "Storefront (our JSON)",
  kind: "storefront",
  description: `Receives orders in order-routes' own JSON (definitions/schemas/order.schema.json), signed with ${SIGNATURE_HEADER}; pushes stage changes back.`,
  configSchema: storefrontConfigSchema({ secret: { type: "string", minLength: 8, "x-secret": true, title: "Webhook secret", description: `HMAC-SHA256 key of the ${SIGNATURE_HEADER} header.` } }, ["secret"]),
  actions: { "stage.push": stagePushAction },
  inbound: {
    orders: {
      title: "Orders, updates, cancellations and payments",
      verify: (request, ctx) => verifyBodySignature(ctx.config.secret, request.rawBody, request.headers[SIGNATURE_HEADER.toLowerCase()]),
      parse(request, ctx): InboundResult {
        const event = request.headers[EVENT_HEADER.toLowerCase()]?.trim();
        const body = record(jsonBody(request));
        return { commands: [commandFor(event, body, ctx.config, ctx.instance)] };
      },
    },
  },
});

function commandFor(event: string | undefined, body: Record<string, unknown>, config: GenericConfig, instance: string): EngineCommand {
  switch (event) {
    case "order.created":
      return startDeal(completeOrder(body, config, instance), config);
    case "order.updated":
      return { type: "deal.message", name: "order.updated", orderId: orderIdOf(body), payload: body };
    case "order.cancelled":
      return { type: "deal.cancel", orderId: orderIdOf(body), reason: text(body.reason) ?? CUSTOMER_CANCELLED, ...(text(body.note) ? { note: text(body.note) } : {}) };
    case "order.paid":
    case "payment.received":
      return { type: "deal.message", name: "payment.received", orderId: orderIdOf(body), payload: body };
    default:
      throw new InboundRejected(422, `${EVENT_HEADER} must be one of ${GENERIC_EVENTS.join(", ")}; got ${event ? `"${event}"` : "nothing"}.`);
  }
}

/** Our order with what the shop may leave out filled in: source, store, locale, time zone, delivery slot. */
function completeOrder(body: Record<string, unknown>, config: GenericConfig, instance: string): Order {
  const order = { ...body } as Order;
  if (typeof order.externalId !== "string" || order.externalId === "") throw new InboundRejected(422, "The order has no externalId (the shop's order id, the idempotency key).", "/externalId");
  if (order.store === undefined) order.store = resolveStore(config, [], "/store");
  const customer = record(order.customer);
  if (order.customer !== undefined) order.customer = { ...customerLocale(config, customer.locale), ...customer };
  if (order.city === undefined && config.city) order.city = config.city;
  const fulfilment = record(order.fulfilment);
  if (fulfilment.type === "delivery" && fulfilment.slot === undefined) {
    order.fulfilment = { ...fulfilment, slot: slotFor(config, text(order.createdAt), "/fulfilment/slot") };
  }
  return checkOrder(withSource(order, instance, GENERIC_ID, config));
}

function orderIdOf(body: Record<string, unknown>): string {
  const id = text(body.externalId) ?? text(body.orderId);
  if (!id) throw new InboundRejected(422, "Name the order: externalId (the id it was created with) is missing.", "/externalId");
  return id;
}
