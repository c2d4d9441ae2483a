/**
 * A CommerceML `Документ` of operation "Заказ товара" mapped to our order. Decisions:
 * - externalId is `1c-<Ид>` (prefix configurable with `idPrefix`); createdAt is `Дата` + `Время` read in the
 *   configured time zone.
 * - the customer is the counterparty with role Покупатель (else the first): name from ПолноеНаименование,
 *   Наименование, Фамилия + Имя, or the name part of a Bitrix id `id#login#Name`; phone and email from
 *   Контакты (types "Телефон…", "Электронная почта").
 * - items are the Товар lines except services (ТипНоменклатуры or ВидНоменклатуры "Услуга", such as the
 *   delivery line ORDER_DELIVERY): sku = Ид, price = ЦенаЗаЕдиницу (2.x) or Цена (3.x), quantity = Количество.
 *   Service lines are the shipping total. totals.total = the document's Сумма; subtotal = Σ item Сумма;
 *   currency "руб" is RUB.
 * - fulfilment: the requisite "Адрес доставки" or a delivery service line makes a delivery (address from
 *   that requisite or the counterparty's АдресРегистрации); otherwise a pickup at the default store.
 * - payment: requisite "Заказ оплачен" true is prepaid and paid; otherwise on receipt, unpaid (the file does
 *   not say whether an unpaid order is meant to be paid in advance).
 */
import { InboundRejected, type Order } from "../../sdk/index.ts";
import { cents, checkOrder, customerLocale, fullName, money, orderPhone, originTable, record, resolveStore, slotFor, text, withSource, zonedIso, type StorefrontConfig } from "../shared/index.ts";
import { contact, list, requisite, requisiteIsTrue, type CmlDocument, type XmlNode } from "./commerceml.xml.ts";

/** The connector's id (also written into each order's `source.connector`). */
export const COMMERCEML_ID = "commerceml";
/** The business operation of an order document. */
export const ORDER_OPERATION = "Заказ товара";

/** The external id of a document. */
export function cmlExternalId(document: CmlDocument, config: StorefrontConfig): string {
  const id = text(document.node["Ид"]) ?? text(document.node["Номер"]);
  if (!id) throw new InboundRejected(422, "The document has no Ид.", `${document.pointer}/Ид`);
  return `${config.idPrefix ?? "1c-"}${id}`;
}

/** Maps an order document to a valid order of ours (422 naming the element of the document when it cannot). */
export function mapCmlDocument(document: CmlDocument, config: StorefrontConfig, instance: string): Order {
  const { node, pointer } = document;
  const buyer = buyerOf(node);
  const lines = list(record(node["Товары"])["Товар"]);
  if (lines.length === 0) throw new InboundRejected(422, "The order document has no Товары.", `${pointer}/Товары`);
  const numbered = lines.map((line, i) => ({ line, at: `${pointer}/Товары/Товар/${i}` }));
  const goods = numbered.filter(({ line }) => !isService(line));
  if (goods.length === 0) throw new InboundRejected(422, "The order document lists services only, no goods.", `${pointer}/Товары`);
  const items = goods.map(({ line, at }) => cmlItem(line, at));
  const shipping = cents(numbered.filter(({ line }) => isService(line)).reduce((sum, { line, at }) => sum + money(line["Сумма"], `${at}/Сумма`), 0));
  const createdAt = createdAtOf(node, config);
  const name = buyerName(buyer);
  const order: Order = {
    externalId: cmlExternalId(document, config),
    ...(createdAt ? { createdAt } : {}),
    channel: COMMERCEML_ID,
    customer: drop({ name, phone: orderPhone(contact(buyer, /телефон/i)), email: contact(buyer, /почта|e-?mail/i), id: text(buyer["Ид"]), ...customerLocale(config) }),
    ...(config.city ? { city: config.city } : {}),
    store: resolveStore(config, [requisite(node, "Склад")], `${pointer}/ЗначенияРеквизитов`),
    fulfilment: fulfilmentOf(node, buyer, lines.some(isService), config, createdAt, pointer),
    items,
    payment: paymentOf(node),
    totals: drop({
      currency: currencyOf(text(node["Валюта"])),
      subtotal: cents(goods.reduce((sum, { line, at }) => sum + money(line["Сумма"], `${at}/Сумма`), 0)),
      shipping,
      total: money(node["Сумма"], `${pointer}/Сумма`),
    }),
    ...(text(node["Комментарий"]) ? { comment: text(node["Комментарий"]) } : {}),
    meta: { commerceml: drop({ id: text(node["Ид"]), number: text(node["Номер"]), status: requisite(node, "Статус заказа") }) },
  };
  const buyerAt = `${pointer}/Контрагенты/Контрагент/${Math.max(0, list(record(node["Контрагенты"])["Контрагент"]).indexOf(buyer))}`;
  const origin = originTable({
    "/externalId": `${pointer}/Ид`,
    "/createdAt": `${pointer}/Дата`,
    "/customer/name": `${buyerAt}/Наименование`,
    "/customer/phone": `${buyerAt}/Контакты`,
    "/customer/email": `${buyerAt}/Контакты`,
    "/fulfilment": `${pointer}/ЗначенияРеквизитов`,
    "/items": `${pointer}/Товары/Товар`,
    "/totals": `${pointer}/Сумма`,
  });
  return checkOrder(withSource(order, instance, COMMERCEML_ID, config), origin);
}

function buyerOf(node: XmlNode): XmlNode {
  const parties = list(record(node["Контрагенты"])["Контрагент"]);
  return parties.find((party) => text(party["Роль"]) === "Покупатель") ?? parties[0] ?? {};
}

function buyerName(buyer: XmlNode): string | undefined {
  const bitrix = text(buyer["Ид"])?.split("#");
  return text(buyer["ПолноеНаименование"]) ?? text(buyer["Наименование"]) ?? fullName(buyer["Фамилия"], buyer["Имя"]) ?? (bitrix && bitrix.length === 3 ? text(bitrix[2]) : undefined);
}

function isService(line: XmlNode): boolean {
  return requisite(line, "ТипНоменклатуры") === "Услуга" || requisite(line, "ВидНоменклатуры") === "Услуга" || text(line["Ид"]) === "ORDER_DELIVERY";
}

function cmlItem(line: XmlNode, at: string): { sku: string; name: string; quantity: number; price: number } {
  const sku = text(line["Ид"]);
  if (!sku) throw new InboundRejected(422, "A Товар has no Ид.", `${at}/Ид`);
  const quantity = money(line["Количество"], `${at}/Количество`);
  if (quantity <= 0) throw new InboundRejected(422, "A Товар has no positive Количество.", `${at}/Количество`);
  const price = line["ЦенаЗаЕдиницу"] !== undefined ? money(line["ЦенаЗаЕдиницу"], `${at}/ЦенаЗаЕдиницу`) : money(line["Цена"], `${at}/Цена`);
  return { sku, name: text(line["Наименование"]) ?? sku, quantity, price };
}

function createdAtOf(node: XmlNode, config: StorefrontConfig): string | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(node["Дата"]) ?? "");
  if (!date) return undefined;
  const time = /^\d{2}:\d{2}(:\d{2})?$/.test(text(node["Время"]) ?? "") ? (text(node["Время"]) as string) : "00:00";
  return zonedIso(Number(date[1]), Number(date[2]), Number(date[3]), time, customerLocale(config).timeZone);
}

function fulfilmentOf(node: XmlNode, buyer: XmlNode, hasDeliveryLine: boolean, config: StorefrontConfig, createdAt: string | undefined, pointer: string): Record<string, unknown> {
  const address = requisite(node, "Адрес доставки");
  if (!address && !hasDeliveryLine) return { type: "pickup" };
  const registered = text(record(buyer["АдресРегистрации"])["Представление"]);
  return drop({ type: "delivery", address: address ?? registered, slot: slotFor(config, createdAt, `${pointer}/ЗначенияРеквизитов`) });
}

function paymentOf(node: XmlNode): { type: "prepaid" | "on_receipt"; paid: boolean } {
  if (requisiteIsTrue(node, "Заказ оплачен")) return { type: "prepaid", paid: true };
  return { type: "on_receipt", paid: false };
}

function currencyOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^(руб|rub|rur)\.?$/i.test(value)) return "RUB";
  return /^[A-Z]{3}$/.test(value) ? value : undefined;
}

function drop<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
