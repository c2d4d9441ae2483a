import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { ConnectorError, createRegistry, type ConnectorSession } from "../../sdk/index.ts";
import { actionContext, sessionContext } from "../../sdk/testkit/index.ts";
import { smpp } from "./smpp-lib.ts";
import { SmppLink } from "./smpp-link.ts";
import { receiptPdu, startSmsc, until, type Smsc } from "./smsc-stub.ts";
import { smppConnector } from "./smpp.connector.ts";
import type { SmppConfig } from "./smpp.config.ts";

const send = smppConnector.actions.send!;
const RUSSIAN_300 = "Здравствуйте, Анна! Ваш заказ №1001 подтверждён и будет готов к выдаче завтра с 10:00 до 20:00 в магазине на ул. Ленина, 5. ".repeat(3).slice(0, 300);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function smscAndConfig(options: { submitStatus?: (submit: any) => number; config?: Partial<SmppConfig> } = {}): Promise<{ smsc: Smsc; config: SmppConfig }> {
  const smsc = await startSmsc({ systemId: "shop", password: "s3cret", submitStatus: options.submitStatus });
  cleanup.push(() => smsc.close());
  const config: SmppConfig = { host: "127.0.0.1", port: smsc.port, systemId: "shop", password: "s3cret", sourceAddr: "MyShop", ...options.config };
  return { smsc, config };
}

async function open(config: SmppConfig) {
  const ctx = sessionContext(config, "sms");
  const session: ConnectorSession = await smppConnector.open!(ctx);
  cleanup.push(() => session.close());
  return { ctx, session };
}

function sms(config: SmppConfig, session: ConnectorSession, text: string) {
  return actionContext(config, { session, instance: "sms", rendered: { channel: "sms", text, locale: "ru" } });
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => assert.fail("expected a failure"), (e: unknown) => e);
  assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
  return error;
}

test("should bind, submit a 300-character Russian text as UCS-2 parts and report the SMSC's receipt", async () => {
  // given an SMSC and an open session
  const { smsc, config } = await smscAndConfig();
  const { ctx, session } = await open(config);

  // when the Russian text is sent to a number written nationally
  const result = await send.run({ to: "8 (912) 345-67-89" }, sms(config, session, RUSSIAN_300));

  // then the SMSC saw one transceiver bind with the credentials
  assert.deepEqual(smsc.binds.map((b) => [b.command, b.system_id, b.password]), [["bind_transceiver", "shop", "s3cret"]]);
  // and five concatenated UCS-2 parts to the E.164 digits from the alphanumeric sender, receipts asked for
  assert.equal(smsc.submits.length, 5);
  for (const [i, submit] of smsc.submits.entries()) {
    assert.deepEqual(
      [submit.destination_addr, submit.dest_addr_ton, submit.dest_addr_npi, submit.source_addr, submit.source_addr_ton, submit.source_addr_npi, submit.data_coding, submit.registered_delivery],
      ["79123456789", 1, 1, "MyShop", 5, 0, 8, 1],
    );
    assert.equal(submit.esm_class & 0x40, 0x40);
    const [udh] = submit.short_message.udh as Buffer[];
    assert.deepEqual([...udh!].filter((_, k) => k !== 2), [0x00, 0x03, 5, i + 1]);
  }
  // (the server decoded each part as UTF-16BE, data_coding 8)
  assert.equal(smsc.submits.map((s) => s.short_message.message).join(""), RUSSIAN_300);
  // and the first part's message id is the providerId
  assert.equal(result.status, "sent");
  assert.equal(result.providerId, "3e8_ab");
  assert.deepEqual(result.detail, { to: "+79123456789", parts: 5, dataCoding: "UCS2", partIds: ["3e8_ab", "3e9_ab", "3ea_ab", "3eb_ab", "3ec_ab"] });

  // when the SMSC sends the receipt of the first part
  const answer = await smsc.deliver(receiptPdu("3e8_ab", "DELIVRD"));

  // then the session emitted the delivery and answered the deliver_sm
  assert.deepEqual(await ctx.waitFor(1), [{ type: "message.status", providerId: "3e8_ab", status: "delivered" }]);
  assert.equal(answer.command, "deliver_sm_resp");
  assert.equal(answer.command_status, 0);
});

test("should send a GSM text in one submit_sm with data_coding 0", async () => {
  // given
  const { smsc, config } = await smscAndConfig({ config: { sourceAddr: "+79001234567" } });
  const { session } = await open(config);

  // when
  const result = await send.run({ to: "+7 912 345 67 89" }, sms(config, session, "Order 1001 is ready: pick it up @ Lenina 5 [10:00-20:00]"));

  // then
  assert.equal(smsc.submits.length, 1);
  const [submit] = smsc.submits;
  assert.deepEqual([submit!.data_coding, submit!.esm_class, submit!.source_addr, submit!.source_addr_ton, submit!.source_addr_npi], [0, 0, "79001234567", 1, 1]);
  assert.equal(submit!.short_message.message, "Order 1001 is ready: pick it up @ Lenina 5 [10:00-20:00]");
  assert.deepEqual(result.detail, { to: "+79123456789", parts: 1, dataCoding: "GSM" });
});

test("should send a long text whole in message_payload when configured", async () => {
  // given
  const { smsc, config } = await smscAndConfig({ config: { longMessages: "payload", registeredDelivery: false } });
  const { session } = await open(config);

  // when
  const result = await send.run({ to: "+79123456789" }, sms(config, session, RUSSIAN_300));

  // then
  assert.equal(smsc.submits.length, 1);
  const [submit] = smsc.submits;
  assert.equal(submit!.data_coding, 8);
  assert.equal(submit!.registered_delivery, 0);
  assert.equal(submit!.short_message.message.length, 0);
  assert.equal(submit!.message_payload.message, RUSSIAN_300);
  assert.equal(result.providerId, "3e8_ab");
});

test("should read the receipt's TLVs and map a later part's failure to the message", async () => {
  // given a three-part message sent
  const { smsc, config } = await smscAndConfig();
  const { ctx, session } = await open(config);
  const result = await send.run({ to: "+79123456789" }, sms(config, session, RUSSIAN_300.slice(0, 150)));
  assert.equal(smsc.submits.length, 3);

  // when the SMSC reports part 2 delivered and part 3 undeliverable by TLVs (and the text says otherwise)
  await smsc.deliver({ ...receiptPdu("3e9_ab", "DELIVRD"), receipted_message_id: "3e9_ab", message_state: 2 });
  await smsc.deliver({ ...receiptPdu("ffff", "DELIVRD"), receipted_message_id: "3ea_ab", message_state: 5 });

  // then only the failure is emitted, for the message's providerId, and both receipts were answered
  assert.deepEqual(await ctx.waitFor(1), [{ type: "message.status", providerId: result.providerId, status: "undelivered", error: "UNDELIV" }]);
  assert.deepEqual(smsc.deliverResponses.map((r) => r.command_status), [0, 0]);
});

test("should map the receipt states of the text", async () => {
  // given
  const { smsc, config } = await smscAndConfig();
  const { ctx } = await open(config);
  const cases = [["a1", "UNDELIV", "001", "undelivered", "UNDELIV err:001"], ["a2", "REJECTD", "000", "failed", "REJECTD"], ["a3", "EXPIRED", "000", "failed", "EXPIRED"], ["a4", "DELETED", "000", "failed", "DELETED"], ["a5", "UNKNOWN", "000", "failed", "UNKNOWN"]];

  // when
  for (const [id, stat, err] of cases) await smsc.deliver(receiptPdu(id!, stat!, err));

  // then
  assert.deepEqual(await ctx.waitFor(cases.length), cases.map(([providerId, , , status, error]) => ({ type: "message.status", providerId, status, error })));
});

test("should answer a receipt it could not record with a temporary error, and an incoming SMS with OK", async () => {
  // given a session whose engine cannot record
  const { smsc, config } = await smscAndConfig();
  const ctx = sessionContext(config, "sms");
  ctx.emit = async () => {
    throw new Error("database is down");
  };
  const session = await smppConnector.open!(ctx);
  cleanup.push(() => session.close());

  // when a receipt and a mobile-originated SMS arrive
  const receipt = await smsc.deliver(receiptPdu("3e8_ab", "DELIVRD"));
  const incoming = await smsc.deliver({ source_addr: "79123456789", destination_addr: "MyShop", esm_class: 0, short_message: "Спасибо" });

  // then the SMSC is told to send the receipt again, and the SMS is taken
  assert.equal(receipt.command_status, smpp.errors.ESME_RX_T_APPN);
  assert.equal(incoming.command_status, 0);
});

test("should fail to open with a clear error when the SMSC refuses the password", async () => {
  // given
  const { config } = await smscAndConfig();

  // when
  const error = await rejection(smppConnector.open!(sessionContext({ ...config, password: "wrong" })));

  // then
  assert.equal(error.retryable, false);
  assert.match(error.message, /refused the bind of system ID "shop": ESME_RINVPASWD \(invalid password\); check systemId\/password/);
});

test("should fail to open, retryable, when nothing listens at the address", async () => {
  // given a closed SMSC
  const { smsc, config } = await smscAndConfig();
  await smsc.close();

  // when
  const error = await rejection(smppConnector.open!(sessionContext(config)));

  // then
  assert.equal(error.retryable, true);
  assert.match(error.message, /Cannot connect to the SMSC at 127\.0\.0\.1:\d+/);
});

test("should retry when the SMSC throttles or its queue is full", async () => {
  for (const name of ["ESME_RTHROTTLED", "ESME_RMSGQFUL"]) {
    // given
    const { config } = await smscAndConfig({ submitStatus: () => smpp.errors[name]! });
    const { session } = await open(config);

    // when
    const error = await rejection(send.run({ to: "+79123456789" }, sms(config, session, "hello")));

    // then
    assert.equal(error.retryable, true, name);
    assert.equal(error.code, name);
  }
});

test("should fail for good when the SMSC refuses the destination address", async () => {
  // given
  const { config } = await smscAndConfig({ submitStatus: () => smpp.errors.ESME_RINVDSTADR! });
  const { session } = await open(config);

  // when
  const error = await rejection(send.run({ to: "+79123456789" }, sms(config, session, "hello")));

  // then
  assert.equal(error.retryable, false);
  assert.equal(error.status, "failed");
  assert.match(error.message, /\+79123456789: ESME_RINVDSTADR/);
});

test("should refuse an invalid number for good without submitting", async () => {
  // given
  const { smsc, config } = await smscAndConfig();
  const { session } = await open(config);

  // when
  const error = await rejection(send.run({ to: "not a phone" }, sms(config, session, "hello")));

  // then
  assert.equal(error.retryable, false);
  assert.match(error.message, /"not a phone"/);
  assert.equal(smsc.submits.length, 0);
});

test("should bind again after the connection drops", async () => {
  // given a bound session
  const { smsc, config } = await smscAndConfig();
  const { session } = await open(config);

  // when the SMSC cuts the connection
  smsc.dropConnections();

  // then the client binds again and sends over the new bind
  await until(() => smsc.binds.length === 2 && session instanceof SmppLink && session.isBound, "the second bind");
  const result = await send.run({ to: "+79123456789" }, sms(config, session, "after the drop"));
  assert.equal(result.providerId, "3e8_ab");
  assert.equal(smsc.submits[0]!.short_message.message, "after the drop");
});

test("should unbind on close, report health, and refuse to send once closed", async () => {
  // given
  const { smsc, config } = await smscAndConfig();
  const ctx = sessionContext(config);
  const session = await smppConnector.open!(ctx);
  const healthy = await smppConnector.health!({ config, instance: "sms", session, signal: AbortSignal.timeout(1_000) });

  // when
  await session.close();

  // then
  assert.equal(healthy.ok, true);
  assert.equal(smsc.unbinds, 1);
  assert.equal((await smppConnector.health!({ config, instance: "sms", session, signal: AbortSignal.timeout(1_000) })).ok, false);
  const error = await rejection(send.run({ to: "+79123456789" }, sms(config, session, "late")));
  assert.equal(error.retryable, true);
});

test("should pass the registry's checks with a secret password and a Send SMS element template", () => {
  // when
  const registry = createRegistry([smppConnector]);

  // then
  assert.equal(registry.get("smpp")?.eager, true);
  const schema = smppConnector.configSchema as { properties: Record<string, Record<string, unknown>> };
  assert.equal(schema.properties.password!["x-secret"], true);
  const [template] = smppConnector.elementTemplates as { name: string; properties: { value?: string; binding: { type: string; name: string } }[] }[];
  assert.equal(template!.name, "Send SMS (SMPP)");
  assert.equal(template!.properties.find((p) => p.binding.name === "to")?.value, "=customer.phone");
});
