/**
 * The Zadarma connector against its contract (../shared/corpus/connectors/zadarma): the callback request
 * as the API expects it (signed per the contract), error mapping, webhook signatures per event type (the
 * signed fields read from the contract), the zd_echo URL check, and notifications read into call events.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { ConnectorError, InboundRejected, checkConnector, type CallEvent, type InboundResult } from "../../sdk/index.ts";
import { actionContext, inboundContext, inboundRequest, startHttpStub, type HttpStub, type StubResponse } from "../../sdk/testkit/index.ts";
import { zadarmaConnector, type ZadarmaConfig } from "./zadarma.connector.ts";
import { webhookSignature } from "./zadarma.signature.ts";

const CONTRACT = JSON.parse(readFileSync(new URL("../../../../shared/corpus/connectors/zadarma/webhook-notify-events.contract.json", import.meta.url), "utf8")) as {
  signature: { signature_string_by_event: Record<string, string> };
  events: Record<string, { fields: Record<string, string> }>;
};
const OPENAPI = JSON.parse(readFileSync(new URL("../../../../shared/corpus/connectors/zadarma/openapi.subset.callback-sms-webhooks.json", import.meta.url), "utf8"));
const SECRET = "zd-test-secret";
const config = (baseUrl = "http://127.0.0.1:9"): ZadarmaConfig => ({ key: "zd-key", secret: SECRET, baseUrl });
const handler = zadarmaConnector.inbound!.events!;

/** The contract's signature: base64 of the HEX HMAC-SHA1 (computed here independently of the connector). */
function contractSignature(event: string, fields: Record<string, string>): string {
  const names = CONTRACT.signature.signature_string_by_event[event]!.split("+").map((name) => name.trim());
  const hex = createHmac("sha1", SECRET).update(names.map((name) => fields[name] ?? "").join("")).digest("hex");
  return Buffer.from(hex).toString("base64");
}

function notification(fields: Record<string, string>, signature = contractSignature(fields.event!, fields)) {
  return inboundRequest({ body: fields, form: true, headers: { Signature: signature }, url: "http://localhost:3000/hooks/phone/events" });
}

async function parsed(fields: Record<string, string>): Promise<CallEvent> {
  const request = notification(fields);
  assert.equal(await handler.verify(request, inboundContext(config())), true, `signature of ${fields.event}`);
  const result = (await handler.parse(request, inboundContext(config()))) as InboundResult;
  assert.equal(result.commands.length, 1);
  const [command] = result.commands;
  assert.equal(command!.type, "call.event");
  return (command as { call: CallEvent }).call;
}

describe("zadarma connector", () => {
  const stubs: HttpStub[] = [];
  const answer = (response: StubResponse) => startHttpStub(() => response).then((started) => (stubs.push(started), started));
  after(() => Promise.all(stubs.map((stub) => stub.close())));

  it("should be a valid connector with its secret marked and a Call customer element template", () => {
    // given / when / then
    assert.doesNotThrow(() => checkConnector(zadarmaConnector));
    assert.equal((zadarmaConnector.configSchema.properties as Record<string, Record<string, unknown>>).secret!["x-secret"], true);
    assert.equal(zadarmaConnector.kind, "telephony");
    const [template] = zadarmaConnector.elementTemplates as { appliesTo: string[]; properties: { id?: string; value?: string; binding: { type: string; name: string } }[] }[];
    const bound = (type: string, name: string) => template!.properties.find((p) => p.binding.type === type && p.binding.name === name)?.value;
    assert.deepEqual(template!.appliesTo, ["bpmn:ServiceTask"]);
    assert.deepEqual([bound("or:connector", "action"), bound("or:connector", "connector"), bound("or:input", "to"), bound("property", "name")], ["call", "phone", "=customer.phone", "Call customer"]);
  });

  it("should sign with base64 of the hex digest, as the contract's gotcha says", () => {
    // given the values of a NOTIFY_START (vector computed with Python's hmac/hashlib)
    const fields = { caller_id: "+79123456789", called_did: "74951234567", call_start: "2026-05-01 10:00:00" };
    // when
    const signature = webhookSignature("NOTIFY_START", fields, SECRET);
    // then
    assert.equal(signature, "NGU4MThhZDBkNmYwYWYyZjhiYTAyZTBlYmNlNjc4NjNjZGQ4MjE5Yg==");
    assert.notEqual(signature, createHmac("sha1", SECRET).update("+7912345678974951234567" + "2026-05-01 10:00:00").digest("base64"));
  });

  it("should request the callback with the operator first and the customer's digits, signed per the contract", async () => {
    // given Zadarma's documented success answer
    const { url, requests } = await answer({ status: 200, body: { status: "success", from: 101, to: 79123456789, time: 1435573082 } });
    // when
    const result = await zadarmaConnector.actions.call!.run({ operator: "101", to: "8 (912) 345-67-89" }, actionContext(config(url)));
    // then
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.method, "GET");
    assert.equal(requests[0]!.path, "/v1/request/callback/?from=101&to=79123456789");
    assert.equal(requests[0]!.headers.authorization, "zd-key:ZTU0ZDdjNTNlOTYyODI1OTBlYzRhNzJlODM1NjM1YjZlZjUyNmY1NQ==");
    assert.deepEqual(result, { status: "sent", detail: { from: "101", to: "79123456789", time: 1435573082 } });
    assert.ok(OPENAPI.paths["/v1/request/callback"].get, "the contract documents the callback");
  });

  it("should send sip and predicted sorted into the signed query, and fall back to the configured operator", async () => {
    // given
    const { url, requests } = await answer({ status: 200, body: { status: "success", from: "101", to: "79123456789", time: 1 } });
    // when
    await zadarmaConnector.actions.call!.run({ to: "+7 912 345 67 89" }, actionContext({ ...config(url), from: "101", sip: "100", predicted: true }));
    // then
    assert.equal(requests[0]!.path, "/v1/request/callback/?from=101&predicted=1&sip=100&to=79123456789");
    assert.equal(requests[0]!.headers.authorization, "zd-key:YTZmYWUwNzNlMWE3YmU4OWFiZWMyNTE1MDczZmQxNmEzM2JlYzNlNw==");
  });

  it("should make refusals permanent and rate limits, server errors and network failures retryable", async () => {
    // given one stub answer per case
    const cases: [StubResponse, boolean][] = [
      [{ status: 400, body: { status: "error", message: "Wrong parameter to" } }, false],
      [{ status: 401, body: { status: "error", message: "Not authorized" } }, false],
      [{ status: 200, body: { status: "error", message: "Insufficient funds" } }, false],
      [{ status: 429, body: { status: "error", message: "Too many requests" } }, true],
      [{ status: 503, body: "Service Unavailable" }, true],
    ];
    for (const [response, retryable] of cases) {
      const { url, close } = await startHttpStub(() => response);
      // when
      const error = await zadarmaConnector.actions.call!.run({ operator: "101", to: "+79123456789" }, actionContext(config(url))).catch((e: unknown) => e);
      await close();
      // then
      assert.ok(error instanceof ConnectorError, `HTTP ${response.status}`);
      assert.equal(error.retryable, retryable, `HTTP ${response.status}: ${error.message}`);
    }
    const unreachable = await zadarmaConnector.actions.call!.run({ operator: "101", to: "+79123456789" }, actionContext(config("http://127.0.0.1:9"))).catch((e: unknown) => e);
    assert.ok(unreachable instanceof ConnectorError && unreachable.retryable);
  });

  it("should refuse a call without operator or with no number, without calling Zadarma", async () => {
    // given
    const { url, requests } = await answer({ status: 200, body: { status: "success", from: "1", to: "1", time: 1 } });
    // when
    const noOperator = await zadarmaConnector.actions.call!.run({ to: "+79123456789" }, actionContext(config(url))).catch((e: unknown) => e);
    const noNumber = await zadarmaConnector.actions.call!.run({ operator: "101", to: "call me" }, actionContext(config(url))).catch((e: unknown) => e);
    // then
    assert.ok(noOperator instanceof ConnectorError && !noOperator.retryable);
    assert.ok(noNumber instanceof ConnectorError && !noNumber.retryable);
    assert.equal(requests.length, 0);
  });

  it("should accept a notification signed per the contract and refuse a tampered, unsigned or foreign one", async () => {
    // given a signed NOTIFY_START
    const fields = { event: "NOTIFY_START", call_start: "2026-05-01 10:00:00", pbx_call_id: "in_1a2b3c", caller_id: "+79123456789", called_did: "74951234567" };
    const ctx = inboundContext(config());
    // when / then
    assert.equal(await handler.verify(notification(fields), ctx), true);
    assert.equal(await handler.verify(notification({ ...fields, caller_id: "+79990000000" }, contractSignature("NOTIFY_START", fields)), ctx), false);
    assert.equal(await handler.verify(inboundRequest({ body: fields, form: true }), ctx), false);
    assert.equal(await handler.verify(notification(fields), inboundContext({ ...config(), secret: "another" })), false);
    assert.equal(await handler.verify(notification({ ...fields, event: "NOTIFY_IVR" }, contractSignature("NOTIFY_START", fields)), ctx), false);
  });

  it("should answer Zadarma's URL check with the zd_echo value", async () => {
    // given
    const request = inboundRequest({ method: "GET", body: "", url: "http://localhost:3000/hooks/phone/events?zd_echo=4f1c9e" });
    // when
    const verified = await handler.verify(request, inboundContext(config()));
    const result = await handler.parse(request, inboundContext(config()));
    // then
    assert.equal(verified, true);
    assert.deepEqual(result, { commands: [], response: { status: 200, contentType: "text/plain", body: "4f1c9e" } });
  });

  it("should read every call notification of the contract, verified by its own signature string, into a call event", async () => {
    // given one payload per event with the contract's fields
    const base = { call_start: "2026-05-01 10:00:00", pbx_call_id: "in_1a2b3c" };
    const payloads: Record<string, Record<string, string>> = {
      NOTIFY_START: { ...base, caller_id: "89123456789", called_did: "74951234567" },
      NOTIFY_INTERNAL: { ...base, caller_id: "89123456789", called_did: "74951234567", internal: "101" },
      NOTIFY_ANSWER: { ...base, caller_id: "89123456789", destination: "101", internal: "101" },
      NOTIFY_END: { ...base, caller_id: "89123456789", called_did: "74951234567", internal: "101", duration: "95", disposition: "answered", status_code: "16", is_recorded: "1", call_id_with_rec: "1714557600.123456" },
      NOTIFY_OUT_START: { call_start: "2026-05-01 11:00:00", pbx_call_id: "out_9z8y", internal: "101", destination: "79123456789" },
      NOTIFY_OUT_END: { call_start: "2026-05-01 11:00:00", pbx_call_id: "out_9z8y", caller_id: "74951234567", internal: "101", destination: "79123456789", duration: "0", disposition: "no answer", status_code: "19", is_recorded: "0", call_id_with_rec: "" },
      NOTIFY_RECORD: { pbx_call_id: "in_1a2b3c", call_id_with_rec: "1714557600.123456" },
    };
    for (const [event, fields] of Object.entries(payloads)) {
      for (const name of Object.keys(fields)) assert.ok(name in CONTRACT.events[event]!.fields, `${event}.${name} is in the contract`);
    }
    // when
    const events: Record<string, CallEvent> = {};
    for (const [event, fields] of Object.entries(payloads)) events[event] = await parsed({ event, ...fields });
    // then
    const incoming = { callId: "in_1a2b3c", direction: "incoming", customerPhone: "+79123456789", at: "2026-05-01 10:00:00" };
    assert.deepEqual(events.NOTIFY_START, { ...incoming, event: "started" });
    assert.deepEqual(events.NOTIFY_INTERNAL, { ...incoming, event: "started", operator: "101" });
    assert.deepEqual(events.NOTIFY_ANSWER, { ...incoming, event: "answered", operator: "101" });
    assert.deepEqual(events.NOTIFY_END, { ...incoming, event: "ended", operator: "101", durationSec: 95, disposition: "answered" });
    const outgoing = { callId: "out_9z8y", direction: "outgoing", customerPhone: "+79123456789", operator: "101", at: "2026-05-01 11:00:00" };
    assert.deepEqual(events.NOTIFY_OUT_START, { ...outgoing, event: "started" });
    assert.deepEqual(events.NOTIFY_OUT_END, { ...outgoing, event: "ended", durationSec: 0, disposition: "no-answer" });
    assert.deepEqual(events.NOTIFY_RECORD, {
      callId: "in_1a2b3c",
      event: "recording",
      direction: "incoming",
      customerPhone: "",
      recordingUrl: "http://127.0.0.1:9/v1/pbx/record/request/?call_id=1714557600.123456&pbx_call_id=in_1a2b3c",
    });
  });

  it("should reject a signed but malformed notification with 422 naming the field", async () => {
    // given a NOTIFY_START without caller_id and a NOTIFY_END with a non-numeric duration, both correctly signed
    const cases: [Record<string, string>, string][] = [
      [{ event: "NOTIFY_START", call_start: "2026-05-01 10:00:00", pbx_call_id: "in_1", called_did: "74951234567" }, "/caller_id"],
      [{ event: "NOTIFY_END", call_start: "2026-05-01 10:00:00", pbx_call_id: "in_1", caller_id: "+79123456789", called_did: "7495", duration: "long", disposition: "answered" }, "/duration"],
      [{ event: "NOTIFY_OUT_START", call_start: "2026-05-01 10:00:00", internal: "101", destination: "79123456789" }, "/pbx_call_id"],
    ];
    for (const [fields, pointer] of cases) {
      const request = notification(fields);
      assert.equal(await handler.verify(request, inboundContext(config())), true);
      // when
      const error = await Promise.resolve()
        .then(() => handler.parse(request, inboundContext(config())))
        .catch((e: unknown) => e);
      // then
      assert.ok(error instanceof InboundRejected, pointer);
      assert.equal(error.status, 422);
      assert.equal(error.pointer, pointer);
    }
  });
});
