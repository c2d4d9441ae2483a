/**
 * A Shopify Order resource (the orders/* webhook body) mapped to our order. Decisions:
 * - externalId is `shopify-<id>` (the numeric id; `name` such as "#1002" is for people and kept in meta);
 *   the prefix is configurable (`idPrefix`).
 * - the customer's phone is the first of customer.phone, the order's phone, billing_address.phone,
 *   shipping_address.phone; the name is the customer's, else the billing or shipping name.
 * - prices are strings in Shopify and become numbers: item price is the line's `price` (unit, before
 *   discounts); totals are total_line_items_price, total_discounts, the shipping total, total_tax and
 *   total_price, so subtotal − discount + shipping + tax = total (when taxes are not included in prices).
 * - quantity is the ordered `quantity` (not current_quantity after refunds), matching the totals.
 * - a pickup is a shipping line of delivery category "pickup" (or titled pickup / самовывоз), or an order
 *   with neither shipping lines nor a shipping address; anything else is a delivery to the shipping address.
 * - store: storeBy by location_id, shipping line code or title, else defaultStore.
 * - payment: a cash-on-delivery gateway is on receipt; anything else is prepaid, paid when the financial
 *   status is paid, partially_refunded or refunded.
 */
import { InboundRejected, type Order } from "../../sdk/index.ts";
import {
  externalIdOf,
  checkOrder,
  customerLocale,
  fullName,
  joinAddress,
  money,
  nonEmptyArray,
  optionalMoney,
  orderPhone,
  originTable,
  record,
  resolveStore,
  slotFor,
  text,
  withSource,
  cents,
  type StorefrontConfig,
} from "../shared/index.ts";

/** The connector's id (also written into each order's `source.connector`). */
export const SHOPIFY_ID = "shopify";
/** Financial statuses that mean the money was taken. */
export const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);
const COD_GATEWAY = /cash on delivery|\bcod\b|наложенн|при получении/i;
const PICKUP_TITLE = /pick[\s-]?up|самовывоз/i;

/** The external id of a Shopify order id. */
export function shopifyExternalId(id: unknown, config: StorefrontConfig): string {
  return externalIdOf(id, config, "shopify-", "Shopify");
}

/** Maps a Shopify order to a valid order of ours (422 naming the Shopify field when it cannot). */
export function mapShopifyOrder(shop: Record<string, unknown>, config: StorefrontConfig, instance: string): Order {
  const customer = record(shop.customer);
  const billing = record(shop.billing_address);
  const shipping = record(shop.shipping_address);
  const country = text(billing.country_code) ?? text(shipping.country_code) ?? text(record(customer.default_address).country_code);
  const items = nonEmptyArray(shop.line_items, "/line_items", "line items").map(shopifyItem);
  const name = fullName(customer.first_name, customer.last_name) ?? text(billing.name) ?? text(shipping.name);
  const phoneSources: [unknown, string][] = [[customer.phone, "/customer/phone"], [shop.phone, "/phone"], [billing.phone, "/billing_address/phone"], [shipping.phone, "/shipping_address/phone"]];
  const phoneSource = phoneSources.find(([raw]) => orderPhone(raw, country) !== undefined);
  const phone = phoneSource ? orderPhone(phoneSource[0], country) : undefined;
  const shippingTotal = optionalMoney(record(record(shop.total_shipping_price_set).shop_money).amount, "/total_shipping_price_set/shop_money/amount")
    ?? cents(shippingLines(shop).reduce((sum, line, i) => sum + money(line.price, `/shipping_lines/${i}/price`), 0));
  const order: Order = {
    externalId: shopifyExternalId(shop.id, config),
    ...(text(shop.created_at) ? { createdAt: text(shop.created_at) } : {}),
    channel: SHOPIFY_ID,
    customer: drop({ name, phone, email: text(customer.email) ?? text(shop.email) ?? text(shop.contact_email), id: text(customer.id), ...customerLocale(config, shop.customer_locale) }),
    ...recipientOf(shipping, name, phone, country),
    ...cityOf(config, shipping, billing),
    store: resolveStore(config, [shop.location_id, ...shippingLines(shop).flatMap((line) => [line.code, line.title])], "/shipping_lines"),
    fulfilment: fulfilmentOf(shop, shipping, billing, config),
    items,
    payment: paymentOf(shop),
    totals: drop({
      currency: text(shop.currency),
      subtotal: optionalMoney(shop.total_line_items_price, "/total_line_items_price") ?? cents(items.reduce((sum, item) => sum + item.price * item.quantity, 0)),
      discount: optionalMoney(shop.total_discounts, "/total_discounts") ?? 0,
      shipping: shippingTotal,
      tax: optionalMoney(shop.total_tax, "/total_tax") ?? 0,
      total: money(shop.total_price, "/total_price"),
    }),
    ...(text(shop.note) ? { comment: text(shop.note) } : {}),
    meta: { shopify: drop({ id: shop.id, name: text(shop.name), orderNumber: shop.order_number, financialStatus: text(shop.financial_status), fulfillmentStatus: text(shop.fulfillment_status) }) },
  };
  const origin = originTable({
    "/externalId": "/id",
    "/createdAt": "/created_at",
    "/customer/name": "/customer/first_name",
    "/customer/phone": phoneSource?.[1] ?? "/customer/phone",
    "/customer/email": text(customer.email) ? "/customer/email" : "/email",
    "/customer/locale": "/customer_locale",
    "/recipient/phone": "/shipping_address/phone",
    "/recipient/name": "/shipping_address/name",
    "/fulfilment/address": "/shipping_address/address1",
    "/fulfilment": "/shipping_lines",
    "/store": "/location_id",
    "/items": "/line_items",
    "/totals/currency": "/currency",
    "/totals/subtotal": "/total_line_items_price",
    "/totals/discount": "/total_discounts",
    "/totals/shipping": "/total_shipping_price_set",
    "/totals/tax": "/total_tax",
    "/totals/total": "/total_price",
    "/comment": "/note",
  });
  return checkOrder(withSource(order, instance, SHOPIFY_ID, config), origin);
}

/** Whether the order is paid on receipt (a cash-on-delivery gateway). */
export function shopifyPaidOnReceipt(shop: Record<string, unknown>): boolean {
  const gateways = [...(Array.isArray(shop.payment_gateway_names) ? shop.payment_gateway_names : []), shop.gateway].map(text).filter(Boolean) as string[];
  return gateways.some((gateway) => COD_GATEWAY.test(gateway));
}

function shopifyItem(line: Record<string, unknown>, index: number): { sku: string; name: string; quantity: number; price: number } {
  const at = `/line_items/${index}`;
  const quantity = Number(line.quantity);
  if (!Number.isFinite(quantity) || quantity <= 0) throw new InboundRejected(422, `Line item ${index + 1} has no positive quantity.`, `${at}/quantity`);
  const sku = text(line.sku) ?? text(line.variant_id) ?? text(line.product_id) ?? text(line.id);
  if (!sku) throw new InboundRejected(422, `Line item ${index + 1} has neither a SKU nor a variant, product or line id.`, `${at}/sku`);
  return { sku, name: text(line.name) ?? text(line.title) ?? sku, quantity, price: money(line.price, `${at}/price`) };
}

function shippingLines(shop: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(shop.shipping_lines) ? (shop.shipping_lines as unknown[]).map(record) : [];
}

function recipientOf(shipping: Record<string, unknown>, customerName: string | undefined, customerPhone: string | undefined, country: string | undefined): Record<string, unknown> {
  const name = text(shipping.name) ?? fullName(shipping.first_name, shipping.last_name);
  if (!name || !customerName || name.toLowerCase() === customerName.toLowerCase()) return {};
  const phone = orderPhone(shipping.phone, text(shipping.country_code) ?? country) ?? customerPhone;
  return phone ? { recipient: { name, phone } } : {};
}

function cityOf(config: StorefrontConfig, shipping: Record<string, unknown>, billing: Record<string, unknown>): Record<string, unknown> {
  const city = config.city ?? text(shipping.city) ?? text(billing.city);
  return city ? { city } : {};
}

function fulfilmentOf(shop: Record<string, unknown>, shipping: Record<string, unknown>, billing: Record<string, unknown>, config: StorefrontConfig): Record<string, unknown> {
  const lines = shippingLines(shop);
  const isPickup = (line: Record<string, unknown>) => text(line.delivery_category) === "pickup" || [line.code, line.title].some((t) => PICKUP_TITLE.test(text(t) ?? ""));
  const shippingAddress = addressOf(shipping);
  if (lines.some(isPickup) || (lines.length === 0 && !shippingAddress)) return { type: "pickup" };
  return drop({ type: "delivery", address: shippingAddress ?? addressOf(billing), slot: slotFor(config, text(shop.created_at), "/shipping_lines") });
}

function addressOf(address: Record<string, unknown>): string | undefined {
  return joinAddress(address.address1, address.address2, address.city, address.province, address.zip, address.country);
}

function paymentOf(shop: Record<string, unknown>): { type: "prepaid" | "on_receipt"; paid: boolean } {
  const paid = PAID_STATUSES.has(text(shop.financial_status) ?? "");
  return { type: shopifyPaidOnReceipt(shop) ? "on_receipt" : "prepaid", paid };
}

function drop<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
