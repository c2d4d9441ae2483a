import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { checkConnector, InboundRejected, validateConfig, type EngineCommand, type Order } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { orderProblems } from "../shared/index.ts";
import { commercemlConnector, type CommerceMlConfig } from "./commerceml.connector.ts";

const CORPUS = new URL("../../../../shared/corpus/storefront/commerceml/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, CORPUS), "utf8");
const OFFICIAL = "orders.cml-2.03.1c-official-sample.xml";
const BITRIX_1 = "documents-1.cml-3.1.bitrix-module-6.xml";
const BITRIX_2 = "documents-2.cml-3.1.bitrix-module-6.xml";

const config: CommerceMlConfig = { username: "1c", password: "exchange-pass", token: "0123456789abcdef-token", defaultStore: "store-1", city: "Москва", locale: "ru", timeZone: "Europe/Moscow", defaultSlot: { policy: "next-day", daysAhead: 1, start: "10:00", end: "14:00" } };
const ctx = inboundContext(config, "1c");
const handler = commercemlConnector.inbound!.orders;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const upload = (xml: string | Buffer, headers: Record<string, string> = { authorization: basic("1c", "exchange-pass") }, query = "type=sale&mode=file&filename=orders.xml") =>
  inboundRequest({ body: xml, headers: { "content-type": "application/xml", ...headers }, url: `http://localhost:3000/hooks/1c/orders?${query}` });

async function imported(xml: string) {
  const request = upload(xml);
  assert.equal(await handler.verify(request, ctx), true);
  return handler.parse(request, ctx);
}

const starts = (commands: EngineCommand[]) => commands.filter((c): c is Extract<EngineCommand, { type: "deal.start" }> => c.type === "deal.start").map((c) => c.order);

describe("commerceml connector: authentication and the 1C handshake", () => {
  it("should be a well-formed connector whose configuration needs basic-auth credentials or a token", () => {
    // then
    assert.doesNotThrow(() => checkConnector(commercemlConnector));
    assert.equal(validateConfig(commercemlConnector.configSchema, { defaultStore: "s" }).ok, false);
    assert.equal(validateConfig(commercemlConnector.configSchema, { token: "0123456789abcdef", defaultStore: "s" }).ok, true);
  });

  it("should accept the basic-auth credentials or the URL token, and nothing else", async () => {
    // then
    assert.equal(await handler.verify(upload("<x/>"), ctx), true);
    assert.equal(await handler.verify(upload("<x/>", {}, "type=sale&mode=file&token=0123456789abcdef-token"), ctx), true);
    assert.equal(await handler.verify(upload("<x/>", { authorization: basic("1c", "wrong") }), ctx), false);
    assert.equal(await handler.verify(upload("<x/>", { authorization: basic("admin", "exchange-pass") }), ctx), false);
    assert.equal(await handler.verify(upload("<x/>", {}, "type=sale&mode=file&token=guess"), ctx), false);
    assert.equal(await handler.verify(upload("<x/>", {}), ctx), false);
  });

  it("should answer checkauth and init as 1C expects", async () => {
    // when
    const checkauth = await handler.parse(upload("", undefined, "type=sale&mode=checkauth"), ctx);
    const init = await handler.parse(upload("", undefined, "type=sale&mode=init"), ctx);

    // then
    assert.equal(checkauth.response?.body.split("\n")[0], "success");
    assert.equal(init.response?.body, "zip=no\nfile_limit=104857600");
    assert.deepEqual([...checkauth.commands, ...init.commands], []);
  });
});

describe("commerceml connector: corpus order files", () => {
  it("should import the Bitrix 3.1 file: a deal per document with a phone, the others skipped with a note", async () => {
    // given
    const xml = read(BITRIX_1);
    const documents = xml.match(/<Документ>/g)!.length;

    // when
    const result = await imported(xml);

    // then
    const orders = starts(result.commands);
    assert.equal(result.commands.length, documents);
    assert.deepEqual(orders.map((o) => o.externalId), ["1c-483", "1c-321", "1c-484", "1c-486", "1c-488", "1c-489", "1c-490"]);
    for (const order of orders) assert.deepEqual(orderProblems(order), [], order.externalId);
    assert.match(result.response!.body, /^success\norders: 7, cancelled: 0, skipped: 13$/);
    const skipped = result.commands.find((c) => c.type === "none");
    assert.match(skipped?.type === "none" ? skipped.note : "", /^Document 320 skipped: The order cannot be accepted: customer\.phone .*is missing/);
  });

  it("should map each imported document's items, quantities, prices and totals as the file states them", async () => {
    // given
    const xml = read(BITRIX_1);

    // when
    const orders = starts((await imported(xml)).commands);

    // then every figure is read back from the document in the file
    for (const order of orders) {
      const id = order.externalId.slice(3);
      const document = xml.match(new RegExp(`<Документ>\\s*<Ид>${id}</Ид>[\\s\\S]*?</Документ>`))![0];
      const lines = [...document.matchAll(/<Товар>[\s\S]*?<\/Товар>/g)].map((m) => m[0]);
      const tag = (block: string, name: string) => block.match(new RegExp(`<${name}>([^<]*)</${name}>`))![1].trim();
      const items = order.items as { sku: string; quantity: number; price: number }[];
      assert.deepEqual(items.map((i) => [i.sku, i.quantity, i.price]), lines.map((l) => [tag(l, "Ид"), Number(tag(l, "Количество")), Number(tag(l, "Цена"))]));
      const total = Number(document.match(/<\/Контрагенты>[\s\S]*?<Сумма>([^<]*)<\/Сумма>/)![1]);
      assert.deepEqual(order.totals, { currency: "RUB", subtotal: total, shipping: 0, total });
    }
  });

  it("should map document 321 to the hand-checked buyer, delivery address, items and total", async () => {
    // when
    const order = starts((await imported(read(BITRIX_1))).commands).find((o) => o.externalId === "1c-321") as Order;

    // then
    assert.equal((order.customer as Record<string, unknown>).phone, "+79616999487");
    assert.deepEqual(order.items, [
      { sku: "e1f4a491-2bf7-11e7-9488-00155d020201#4a24b4a4-2bfd-11e7-9488-00155d020201", name: "Visual Studio Professional 2017 Lic (C5E-01307, VSPro 2017 SNGL OLP NL, бессрочная, Standard, комм, No Level)", quantity: 2, price: 30129.78 },
    ]);
    assert.deepEqual(order.totals, { currency: "RUB", subtotal: 60259.56, shipping: 0, total: 60259.56 });
    assert.equal((order.fulfilment as Record<string, unknown>).address, "400066, г. Волгоград, ул. Комсомльская, д. 6");
    assert.equal(order.createdAt, "2017-08-09T14:49:04+03:00");
    assert.deepEqual(order.source, { instance: "1c", connector: "commerceml", push: false });
  });

  it("should import the second Bitrix file (with its byte-order mark) and name the buyer from a Bitrix counterparty id", async () => {
    // when
    const result = await imported(read(BITRIX_2));

    // then
    const orders = starts(result.commands);
    assert.deepEqual(orders.map((o) => o.externalId), ["1c-480"]);
    assert.equal(result.commands.length, 4);
    assert.deepEqual(orders[0].customer, { name: "Еремеева Юлия", phone: "+79114058337", email: "kovalevskiy.dmitry@gmail.com", id: "970#Eremeeva-Ukka055#Еремеева Юлия", locale: "ru", timeZone: "Europe/Moscow" });
    assert.deepEqual(orders[0].totals, { currency: "RUB", subtotal: 1266.5, shipping: 0, total: 1266.5 });
    assert.deepEqual(orders[0].fulfilment, { type: "pickup" });
  });

  it("should refuse the official 2.03 sample, whose one order names no phone, with 422 at the buyer's contacts", async () => {
    // when
    const error = await Promise.resolve().then(() => imported(read(OFFICIAL))).catch((e: unknown) => e);

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.status, 422);
    assert.equal(error.pointer, "/Документ/0/Контрагенты/Контрагент/0/Контакты");
    assert.match(error.message, /No order in the file could be taken/);
  });

  it("should map the official sample once it has a phone: the delivery line is shipping, the TV is the item", async () => {
    // given the buyer gets a phone contact
    const xml = read(OFFICIAL).replace("<Роль>Покупатель</Роль>", "<Контакты><Контакт><Тип>Телефон мобильный</Тип><Значение>8 (912) 345-67-89</Значение></Контакт></Контакты><Роль>Покупатель</Роль>");

    // when
    const result = await imported(xml);

    // then
    const [order] = starts(result.commands);
    assert.equal(order.externalId, "1c-36");
    assert.equal(order.createdAt, "2007-10-30T15:19:27+03:00");
    assert.deepEqual(order.customer, { name: "admin", phone: "+79123456789", id: "1#admin# admin", locale: "ru", timeZone: "Europe/Moscow" });
    assert.deepEqual(order.items, [{ sku: "dee6e19a-55bc-11d9-848a-00112f43529a", name: 'Телевизор "JVC"', quantity: 1, price: 6394.47 }]);
    assert.deepEqual(order.totals, { currency: "RUB", subtotal: 6394.47, shipping: 340, total: 6734.47 });
    assert.deepEqual(order.payment, { type: "on_receipt", paid: false });
    assert.deepEqual(order.fulfilment, { type: "delivery", address: "ггг", slot: { start: "2007-10-31T10:00:00+03:00", end: "2007-10-31T14:00:00+03:00" } });
    assert.equal(result.commands.filter((c) => c.type === "none").length, 2);
  });
});

describe("commerceml connector: malformed files and cancellations", () => {
  it("should refuse a body that is not CommerceML", async () => {
    // when
    const notXml = await Promise.resolve().then(() => imported("<КоммерческаяИнформация><Документ>")).catch((e: unknown) => e);
    const otherRoot = await Promise.resolve().then(() => imported("<Каталог/>")).catch((e: unknown) => e);
    const noOrders = await Promise.resolve().then(() => imported("<КоммерческаяИнформация><Документ><Ид>1</Ид><ХозОперация>Отпуск товара</ХозОперация></Документ></КоммерческаяИнформация>")).catch((e: unknown) => e);

    // then
    assert.ok(notXml instanceof InboundRejected && otherRoot instanceof InboundRejected && noOrders instanceof InboundRejected);
    assert.equal(notXml.status, 422);
    assert.equal(otherRoot.pointer, "/КоммерческаяИнформация");
    assert.match(noOrders.message, /no Документ with ХозОперация "Заказ товара"/);
  });

  it("should cancel the deal of a document marked cancelled", async () => {
    // given the first document of the file marked Отменен
    const marked = read(BITRIX_2).replace(/(<Наименование>Отменен<\/Наименование>\s*<Значение>)false/, "$1true");

    // when
    const result = await imported(marked);

    // then
    assert.deepEqual(result.commands[0], { type: "deal.cancel", orderId: "1c-319", reason: "customer_cancelled", note: "Cancelled in 1C." });
    assert.match(result.response!.body, /cancelled: 1/);
  });
});
