import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { ConnectorError, createRegistry, secretPointers, validateConfig } from "../../sdk/index.ts";
import { actionContext, startHttpStub, type HttpStub, type StubRequest, type StubResponse } from "../../sdk/testkit/index.ts";
import { twilioConnector } from "./twilio.connector.ts";
import type { TwilioConfig } from "./twilio.config.ts";

const corpus = new URL("../../../../shared/corpus/connectors/twilio/", import.meta.url);
const SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const TOKEN = "secret-token";
const send = twilioConnector.actions.send!;

/** A recorded answer of the corpus (`{ _http_status, body }`) as a stub response. */
async function recorded(file: string): Promise<StubResponse & { body: Record<string, unknown> }> {
  const { _http_status, body } = JSON.parse(await readFile(new URL(file, corpus), "utf8"));
  return { status: _http_status, body };
}

let stub: HttpStub;
let answer: (request: StubRequest) => StubResponse | Promise<StubResponse>;
before(async () => {
  stub = await startHttpStub((request) => answer(request));
});
after(() => stub.close());

function config(overrides: Partial<TwilioConfig> = {}): TwilioConfig {
  return { accountSid: SID, authToken: TOKEN, from: "+14155552345", baseUrl: stub.url, statusCallback: true, ...overrides };
}

function lastForm(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(stub.requests.at(-1)!.body));
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => assert.fail("expected the action to fail"), (e: unknown) => e);
  assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
  return error;
}

test("should post the rendered SMS form-encoded with basic auth to the account's Messages resource", async () => {
  // given Twilio answering with its recorded 201 queued
  const queued = await recorded("messages.create.201.queued.json");
  answer = () => queued;
  const ctx = actionContext(config(), { rendered: { channel: "sms", text: "Заказ 1001 подтверждён", locale: "ru" }, baseUrl: "https://routes.example.com", instance: "sms" });

  // when a message to a Russian number written nationally is sent
  const result = await send.run({ to: "8 (912) 345-67-89" }, ctx);

  // then the request is Twilio's Messages.create
  const request = stub.requests.at(-1)!;
  assert.equal(request.method, "POST");
  assert.equal(request.path, `/2010-04-01/Accounts/${SID}/Messages.json`);
  assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
  assert.match(String(request.headers["content-type"]), /^application\/x-www-form-urlencoded/);
  assert.deepEqual(lastForm(), { To: "+79123456789", From: "+14155552345", Body: "Заказ 1001 подтверждён", StatusCallback: "https://routes.example.com/hooks/sms/status" });
  // and the result carries Twilio's sid and what it said about the message
  assert.deepEqual(result, {
    status: "sent",
    providerId: queued.body.sid,
    detail: { status: "queued", numSegments: 1, price: null, priceUnit: null, to: "+14155552345", from: "+14155552345", messagingServiceSid: "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
  });
});

test("should send through the Messaging Service instead of a From number when only it is configured", async () => {
  // given an instance with a Messaging Service and Twilio answering with its recorded scheduled message
  const scheduled = await recorded("messages.create.201.scheduled-sms.json");
  answer = () => scheduled;
  const ctx = actionContext(config({ from: undefined, messagingServiceSid: "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }), { rendered: { channel: "sms", text: "Hello", locale: "en" } });

  // when
  const result = await send.run({ to: "+1 202 555 0123" }, ctx);

  // then the form names the service and no From
  const form = lastForm();
  assert.equal(form.MessagingServiceSid, "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  assert.equal(form.From, undefined);
  assert.equal(result.providerId, scheduled.body.sid);
  assert.equal(result.detail?.status, "scheduled");
});

test("should send the input's text without a status callback when there is no template and callbacks are off", async () => {
  // given
  answer = () => recorded("messages.create.201.sent.json");
  const ctx = actionContext(config({ statusCallback: false }));

  // when
  await send.run({ to: "+79123456789", text: "Your order is ready for pickup" }, ctx);

  // then
  assert.deepEqual(lastForm(), { To: "+79123456789", From: "+14155552345", Body: "Your order is ready for pickup" });
});

test("should take the sid and status of every recorded 201 answer", async () => {
  for (const file of ["messages.create.201.queued.json", "messages.create.201.scheduled-sms.json", "messages.create.201.sent.json", "messages.create.201.without-messaging-service.json"]) {
    // given Twilio answering with the recorded message
    const created = await recorded(file);
    answer = () => created;

    // when
    const result = await send.run({ to: "+79123456789", text: "hi" }, actionContext(config()));

    // then
    assert.equal(result.status, "sent", file);
    assert.equal(result.providerId, created.body.sid, file);
    assert.equal(result.detail?.status, created.body.status, file);
    assert.equal(result.detail?.messagingServiceSid, created.body.messaging_service_sid, file);
  }
});

test("should refuse an invalid number for good, naming it, without calling Twilio", async () => {
  // given
  const before = stub.requests.length;

  // when
  const error = await rejection(send.run({ to: "12-34", text: "hi" }, actionContext(config())));

  // then
  assert.equal(error.retryable, false);
  assert.equal(error.status, "failed");
  assert.match(error.message, /"12-34"/);
  assert.equal(stub.requests.length, before);
});

test("should refuse for good a message with neither a template nor a text", async () => {
  // when
  const error = await rejection(send.run({ to: "+79123456789" }, actionContext(config())));

  // then
  assert.equal(error.retryable, false);
  assert.match(error.message, /nothing to say/);
});

test("should fail for good on Twilio's 400 errors for a bad or unsubscribed recipient", async () => {
  for (const [code, message] of [
    [21211, "The 'To' number +7912 is not a valid phone number."],
    [21610, "Attempt to send to unsubscribed recipient"],
  ] as const) {
    // given Twilio's error answer
    answer = () => ({ status: 400, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 } });

    // when
    const error = await rejection(send.run({ to: "+79123456789", text: "hi" }, actionContext(config())));

    // then
    assert.equal(error.retryable, false, String(code));
    assert.equal(error.code, String(code));
    assert.equal(error.status, "failed");
    assert.ok(error.message.includes(message), error.message);
  }
});

test("should fail for good on refused credentials, saying which settings to check", async () => {
  for (const status of [401, 403]) {
    // given
    answer = () => ({ status, body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status } });

    // when
    const error = await rejection(send.run({ to: "+79123456789", text: "hi" }, actionContext(config())));

    // then
    assert.equal(error.retryable, false, String(status));
    assert.match(error.message, /check accountSid\/authToken/);
  }
});

test("should retry after rate limiting and server errors", async () => {
  for (const status of [429, 500, 503]) {
    // given
    answer = () => ({ status, body: { code: status === 429 ? 20429 : 20500, message: "Too Many Requests or internal error", status } });

    // when
    const error = await rejection(send.run({ to: "+79123456789", text: "hi" }, actionContext(config())));

    // then
    assert.equal(error.retryable, true, String(status));
  }
});

test("should retry when Twilio cannot be reached", async () => {
  // given a stub that is no longer listening
  const gone = await startHttpStub(() => ({ status: 201, body: {} }));
  await gone.close();

  // when
  const error = await rejection(send.run({ to: "+79123456789", text: "hi" }, actionContext(config({ baseUrl: gone.url }))));

  // then
  assert.equal(error.retryable, true);
  assert.match(error.message, /Cannot reach Twilio/);
});

test("should require a sender, mark the auth token secret and default the base URL", () => {
  // given / when
  const noSender = validateConfig(twilioConnector.configSchema, { accountSid: SID, authToken: TOKEN });
  const withService: Record<string, unknown> = { accountSid: SID, authToken: TOKEN, messagingServiceSid: "MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
  const valid = validateConfig(twilioConnector.configSchema, withService);

  // then
  assert.equal(noSender.ok, false);
  assert.ok(!noSender.ok && noSender.errors.some((e) => e.pointer === "/from"), JSON.stringify(noSender));
  assert.deepEqual(valid, { ok: true });
  assert.equal(withService.baseUrl, "https://api.twilio.com");
  assert.equal(withService.statusCallback, true);
  assert.deepEqual(secretPointers(twilioConnector.configSchema), ["/authToken"]);
});

test("should report health from the account resource", async () => {
  // given Twilio accepting, then refusing the credentials
  answer = () => ({ status: 200, body: { sid: SID, friendly_name: "Shop", status: "active" } });
  const good = await twilioConnector.health!({ config: config(), instance: "sms", signal: AbortSignal.timeout(5_000) });
  answer = () => ({ status: 401, body: { code: 20003, message: "Authenticate", status: 401 } });
  const bad = await twilioConnector.health!({ config: config(), instance: "sms", signal: AbortSignal.timeout(5_000) });

  // then
  assert.equal(stub.requests.at(-1)!.path, `/2010-04-01/Accounts/${SID}.json`);
  assert.deepEqual(good, { ok: true, detail: `Twilio account ${SID} (Shop) is active.` });
  assert.equal(bad.ok, false);
  assert.match(bad.detail, /check accountSid\/authToken/);
});

test("should pass the registry's checks and ship a Send SMS element template", () => {
  // when
  const registry = createRegistry([twilioConnector]);

  // then
  assert.equal(registry.get("twilio")?.kind, "sms");
  const [template] = twilioConnector.elementTemplates as { name: string; appliesTo: string[]; properties: { value?: string; binding: { type: string; name: string } }[] }[];
  assert.equal(template!.name, "Send SMS (Twilio)");
  assert.ok(template!.appliesTo.includes("bpmn:SendTask"));
  const to = template!.properties.find((p) => p.binding.type === "or:input" && p.binding.name === "to");
  assert.equal(to?.value, "=customer.phone");
  assert.deepEqual(template!.properties.filter((p) => p.binding.type === "or:connector").map((p) => p.binding.name).sort(), ["action", "connector", "template"]);
});
