/**
 * A WooCommerce wc/v3 order (the REST resource, which is also the order.* webhook payload) mapped to our
 * order. Decisions:
 * - externalId is `wc-<id>` (the post id, stable; `number` may be renumbered by plugins and is kept in meta);
 *   the prefix is configurable (`idPrefix`) for several shops on one engine.
 * - item price is the unit price before coupons: line `subtotal` / `quantity` (WooCommerce's own `price` is
 *   after coupons); so Σ price × quantity = totals.subtotal, and subtotal − discount + shipping + tax = total.
 * - totals are WooCommerce's own figures (`discount_total`, `shipping_total`, `total_tax`, `total`) as numbers.
 * - a local pickup shipping method (`local_pickup`, `pickup_location`) is a pickup; any other shipping line is
 *   a delivery to the shipping address (the billing address when the shipping one is empty); an order with
 *   no shipping line and no shipping address is a pickup.
 * - payment: cash on delivery (`cod`) or no method is on receipt; any other method is prepaid, paid once
 *   `date_paid` is set or the status is processing/completed (an unpaid one waits for payment).
 * - the customer is the billing person; the recipient is the shipping person when the name differs (their
 *   phone when WooCommerce has one, else the customer's).
 */
import { InboundRejected, type Order } from "../../sdk/index.ts";
import {
  externalIdOf,
  cents,
  checkOrder,
  customerLocale,
  decodeEntities,
  fullName,
  joinAddress,
  money,
  nonEmptyArray,
  orderPhone,
  originTable,
  record,
  resolveStore,
  slotFor,
  text,
  unitPrice,
  utcIso,
  withSource,
  type StorefrontConfig,
} from "../shared/index.ts";

/** The connector's id (also written into each order's `source.connector`). */
export const WOOCOMMERCE_ID = "woocommerce";
/** Shipping methods that mean the customer collects at a store. */
export const PICKUP_METHODS = new Set(["local_pickup", "pickup_location", "local_pickup_plus"]);
/** Payment methods paid on receipt. */
export const ON_RECEIPT_METHODS = new Set(["cod", ""]);

/** Where each field of our order comes from in a wc/v3 order (for 422 pointers). */
export const wooOrigin = originTable({
  "/externalId": "/id",
  "/createdAt": "/date_created_gmt",
  "/customer/name": "/billing/first_name",
  "/customer/phone": "/billing/phone",
  "/customer/email": "/billing/email",
  "/recipient/name": "/shipping/first_name",
  "/recipient/phone": "/shipping/phone",
  "/fulfilment/address": "/shipping/address_1",
  "/fulfilment": "/shipping_lines",
  "/store": "/shipping_lines",
  "/items": "/line_items",
  "/totals/currency": "/currency",
  "/totals/subtotal": "/line_items",
  "/totals/discount": "/discount_total",
  "/totals/shipping": "/shipping_total",
  "/totals/tax": "/total_tax",
  "/totals/total": "/total",
  "/comment": "/customer_note",
});

/** The external id of a WooCommerce order id. */
export function wooExternalId(id: unknown, config: StorefrontConfig): string {
  return externalIdOf(id, config, "wc-", "WooCommerce");
}

/** Maps a wc/v3 order to a valid order of ours (422 naming the WooCommerce field when it cannot). */
export function mapWooOrder(wc: Record<string, unknown>, config: StorefrontConfig, instance: string): Order {
  const billing = record(wc.billing);
  const shipping = record(wc.shipping);
  const country = text(billing.country) ?? text(shipping.country);
  const items = nonEmptyArray(wc.line_items, "/line_items", "line items").map((line, index) => wooItem(line, index));
  const createdAt = utcIso(wc.date_created_gmt);
  const name = fullName(billing.first_name, billing.last_name) ?? text(billing.company);
  const phone = orderPhone(billing.phone, country) ?? orderPhone(shipping.phone, country);
  const order: Order = {
    externalId: wooExternalId(wc.id, config),
    ...(createdAt ? { createdAt } : {}),
    channel: WOOCOMMERCE_ID,
    customer: drop({
      name,
      phone,
      email: text(billing.email),
      id: Number(wc.customer_id) > 0 ? String(wc.customer_id) : undefined,
      ...customerLocale(config),
    }),
    ...recipientOf(shipping, name, phone, country),
    ...cityOf(config, shipping, billing),
    store: resolveStore(config, storeKeys(wc), "/shipping_lines"),
    fulfilment: fulfilmentOf(wc, shipping, billing, config, createdAt),
    items,
    payment: paymentOf(wc),
    totals: drop({
      currency: text(wc.currency),
      subtotal: cents(items.reduce((sum, item) => sum + item.price * item.quantity, 0)),
      discount: money(wc.discount_total ?? "0", "/discount_total"),
      shipping: money(wc.shipping_total ?? "0", "/shipping_total"),
      tax: money(wc.total_tax ?? "0", "/total_tax"),
      total: money(wc.total, "/total"),
    }),
    ...(text(wc.customer_note) ? { comment: text(wc.customer_note) } : {}),
    meta: drop({ woocommerce: drop({ id: wc.id, number: text(wc.number), status: text(wc.status), paymentMethod: text(wc.payment_method_title) }) }),
  };
  return checkOrder(withSource(order, instance, WOOCOMMERCE_ID, config), wooOrigin);
}

/** Whether the order's payment is taken on receipt (cash on delivery, or no method). */
export function paidOnReceipt(wc: Record<string, unknown>): boolean {
  return ON_RECEIPT_METHODS.has(text(wc.payment_method) ?? "");
}

function wooItem(line: Record<string, unknown>, index: number): { sku: string; name: string; quantity: number; price: number } {
  const at = `/line_items/${index}`;
  const quantity = Number(line.quantity);
  if (!Number.isFinite(quantity) || quantity <= 0) throw new InboundRejected(422, `Line item ${index + 1} has no positive quantity.`, `${at}/quantity`);
  const subtotal = money(line.subtotal ?? line.total, `${at}/subtotal`);
  const product = text(line.product_id);
  const variation = Number(line.variation_id) > 0 ? text(line.variation_id) : undefined;
  const sku = text(line.sku) ?? (product && product !== "0" ? (variation ? `${product}-${variation}` : product) : undefined);
  if (!sku) throw new InboundRejected(422, `Line item ${index + 1} has neither a SKU nor a product id.`, `${at}/sku`);
  return { sku, name: decodeEntities(text(line.name) ?? sku), quantity, price: unitPrice(subtotal, quantity) };
}

function recipientOf(shipping: Record<string, unknown>, customerName: string | undefined, customerPhone: string | undefined, country: string | undefined): Record<string, unknown> {
  const name = fullName(shipping.first_name, shipping.last_name);
  if (!name || !customerName || name.toLowerCase() === customerName.toLowerCase()) return {};
  const phone = orderPhone(shipping.phone, text(shipping.country) ?? country) ?? customerPhone;
  return phone ? { recipient: { name, phone } } : {};
}

function cityOf(config: StorefrontConfig, shipping: Record<string, unknown>, billing: Record<string, unknown>): Record<string, unknown> {
  const city = config.city ?? text(shipping.city) ?? text(billing.city);
  return city ? { city } : {};
}

function shippingLines(wc: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(wc.shipping_lines) ? (wc.shipping_lines as unknown[]).map(record) : [];
}

function storeKeys(wc: Record<string, unknown>): unknown[] {
  return shippingLines(wc).flatMap((line) => {
    const pickupLocation = (Array.isArray(line.meta_data) ? line.meta_data : []).map(record).find((meta) => meta.key === "pickup_location")?.value;
    const instanceKey = text(line.method_id) && text(line.instance_id) ? `${text(line.method_id)}:${text(line.instance_id)}` : undefined;
    return [pickupLocation, instanceKey, line.method_id, line.method_title];
  });
}

function fulfilmentOf(wc: Record<string, unknown>, shipping: Record<string, unknown>, billing: Record<string, unknown>, config: StorefrontConfig, createdAt: string | undefined): Record<string, unknown> {
  const lines = shippingLines(wc);
  const shippingAddress = addressOf(shipping);
  if (lines.some((line) => PICKUP_METHODS.has(text(line.method_id) ?? ""))) return { type: "pickup" };
  if (lines.length === 0 && !shippingAddress) return { type: "pickup" };
  const address = shippingAddress ?? addressOf(billing);
  return drop({ type: "delivery", address, slot: slotFor(config, createdAt, "/shipping_lines") });
}

function addressOf(address: Record<string, unknown>): string | undefined {
  return joinAddress(address.address_1, address.address_2, address.city, address.state, address.postcode, address.country);
}

function paymentOf(wc: Record<string, unknown>): { type: "prepaid" | "on_receipt"; paid: boolean } {
  const status = text(wc.status) ?? "";
  if (paidOnReceipt(wc)) return { type: "on_receipt", paid: status === "completed" };
  return { type: "prepaid", paid: Boolean(text(wc.date_paid_gmt) ?? text(wc.date_paid)) || status === "processing" || status === "completed" };
}

function drop<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
