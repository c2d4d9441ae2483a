/**
 * The Asterisk ARI connector against a loopback ARI that follows the corpus contracts
 * (../shared/corpus/connectors/asterisk-ari): the originate request exactly, repeats and errors, and the
 * events socket (events checked against the events models) turned into call events.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ConnectorError, checkConnector, type ConnectorSession, type EngineCommand } from "../../sdk/index.ts";
import { actionContext, sessionContext } from "../../sdk/testkit/index.ts";
import { asteriskAriConnector, channelIdOf, type AriConfig } from "./asterisk-ari.connector.ts";
import { ariChannel, startAriStub, type AriStub } from "./asterisk-ari.stub.ts";

type Model = { properties: Record<string, { required?: boolean; type: string }> };
const corpus = (file: string) => JSON.parse(readFileSync(new URL(`../../../../shared/corpus/connectors/asterisk-ari/${file}`, import.meta.url), "utf8"));
const CHANNELS = corpus("api-docs.channels.json") as { apis: { path: string; operations: { httpMethod: string; parameters: { name: string }[] }[] }[]; models: Record<string, Model> };
const EVENTS = corpus("api-docs.events.json") as { models: Record<string, Model> };
const MODELS: Record<string, Model> = { ...CHANNELS.models, ...EVENTS.models };

/** Every required property of an event's model (with its Event and Message bases, and nested channels) is present. */
function assertConforms(value: Record<string, unknown>, type: string, where = type): void {
  const bases = type === value.type ? ["Message", "Event", type] : [type];
  for (const model of bases.map((name) => MODELS[name]).filter(Boolean)) {
    for (const [name, property] of Object.entries(model!.properties)) {
      if (property.required) assert.ok(value[name] !== undefined, `${where}.${name} is required by the ARI models`);
      if (value[name] !== undefined && MODELS[property.type] && typeof value[name] === "object") assertConforms(value[name] as Record<string, unknown>, property.type, `${where}.${name}`);
    }
  }
}

const USER = "orders";
const PASSWORD = "ari-secret";
const config = (url: string): AriConfig => ({ url, username: USER, password: PASSWORD, app: "order-routes", context: "from-orders", callerId: "Shop <100>", timeoutSec: 25 });
/** An ARI timestamp (local time with a +0300 offset) `second`s after 10:00 Moscow time. */
const at = (second: number) => new Date(Date.UTC(2026, 4, 1, 10, 0, second)).toISOString().replace("Z", "+0300");
const event = (type: string, timestamp: string, fields: Record<string, unknown>) => {
  const value = { type, application: "order-routes", timestamp, ...fields };
  assertConforms(value, type);
  return value;
};
const calls = (emitted: EngineCommand[]) => emitted.map((command) => (command as Extract<EngineCommand, { type: "call.event" }>).call);

describe("asterisk-ari connector", () => {
  let stub: AriStub;
  before(async () => {
    stub = await startAriStub(USER, PASSWORD);
  });
  after(() => stub.close());

  it("should be a valid, eager connector with its password marked secret and a Call customer element template", () => {
    // given / when / then
    assert.doesNotThrow(() => checkConnector(asteriskAriConnector));
    assert.equal((asteriskAriConnector.configSchema.properties as Record<string, Record<string, unknown>>).password!["x-secret"], true);
    assert.equal(asteriskAriConnector.eager, true);
    const [template] = asteriskAriConnector.elementTemplates as { appliesTo: string[]; properties: { id?: string; value?: string; binding: { type: string; name: string } }[] }[];
    const bound = (type: string, name: string) => template!.properties.find((p) => p.binding.type === type && p.binding.name === name)?.value;
    assert.deepEqual(template!.appliesTo, ["bpmn:ServiceTask"]);
    assert.deepEqual([bound("or:connector", "action"), bound("or:connector", "connector"), bound("or:input", "to"), bound("property", "name")], ["call", "phone", "=customer.phone", "Call customer"]);
  });

  it("should originate to the operator's endpoint, dialling the customer's number in the context, with a channel id from the idempotency key", async () => {
    // given
    const before = stub.requests.length;
    // when
    const result = await asteriskAriConnector.actions.call!.run({ operator: "101", to: "8 (912) 345-67-89" }, actionContext(config(stub.url), { idempotencyKey: "call:deal-1:user-1:1714550400000" }));
    // then
    const channelId = channelIdOf("call:deal-1:user-1:1714550400000");
    const [request] = stub.requests.slice(before);
    assert.equal(request!.method, "POST");
    assert.equal(
      request!.path,
      `/ari/channels?endpoint=PJSIP%2F101&extension=79123456789&context=from-orders&priority=1&callerId=Shop+%3C100%3E&timeout=25&channelId=${channelId}`,
    );
    assert.equal(request!.authorization, `Basic ${Buffer.from("orders:ari-secret").toString("base64")}`);
    assert.deepEqual(JSON.parse(request!.body), { variables: { ORDER_ROUTES_CUSTOMER: "+79123456789", ORDER_ROUTES_OPERATOR: "101" } });
    const documented = CHANNELS.apis.find((api) => api.path === "/channels")!.operations.find((op) => op.httpMethod === "POST")!.parameters.map((p) => p.name);
    for (const name of new URL(request!.path, "http://ari").searchParams.keys()) assert.ok(documented.includes(name), `${name} is an originate parameter`);
    assert.deepEqual(result, { status: "sent", providerId: channelId, detail: { operator: "101", to: "+79123456789" } });
    assert.equal(channelIdOf("call:deal-1:user-1:1714550400000"), channelId, "stable per key");
    assert.notEqual(channelIdOf("call:deal-1:user-1:1714550400001"), channelId);
  });

  it("should take Asterisk's 409 for a repeated channel id as the same call", async () => {
    // given a call already originated
    const ctx = actionContext(config(stub.url), { idempotencyKey: "call:deal-2:user-1:1", attempt: 2 });
    await asteriskAriConnector.actions.call!.run({ operator: "101", to: "+79123456789" }, ctx);
    // when the dispatcher retries it
    const again = await asteriskAriConnector.actions.call!.run({ operator: "101", to: "+79123456789" }, ctx);
    // then
    assert.deepEqual(again, { status: "sent", providerId: channelIdOf("call:deal-2:user-1:1"), detail: { operator: "101", to: "+79123456789", alreadyOriginated: true } });
  });

  it("should make a bad endpoint or credentials permanent and server errors or an unreachable ARI retryable", async () => {
    // given
    const run = (cfg: AriConfig, key: string) => asteriskAriConnector.actions.call!.run({ operator: "101", to: "+79123456789" }, actionContext(cfg, { idempotencyKey: key })).catch((e: unknown) => e);
    // when
    const badEndpoint = await run({ ...config(stub.url), operatorEndpoint: "Nope/{extension}" }, "k1");
    const badPassword = await run({ ...config(stub.url), password: "wrong" }, "k2");
    stub.failWith = 500;
    const serverError = await run(config(stub.url), "k3");
    stub.failWith = undefined;
    const unreachable = await run(config("http://127.0.0.1:9/ari"), "k4");
    const notANumber = await run(config(stub.url), "k5").then(() => asteriskAriConnector.actions.call!.run({ operator: "101", to: "nobody" }, actionContext(config(stub.url))).catch((e: unknown) => e));
    // then
    for (const [error, retryable, name] of [[badEndpoint, false, "400"], [badPassword, false, "401"], [serverError, true, "500"], [unreachable, true, "unreachable"], [notANumber, false, "no number"]] as const) {
      assert.ok(error instanceof ConnectorError, name);
      assert.equal(error.retryable, retryable, `${name}: ${error.message}`);
    }
  });

  describe("events socket", () => {
    let session: ConnectorSession;
    const ctx = () => sessionContext(config(stub.url), "phone");
    let events: ReturnType<typeof ctx>;
    before(async () => {
      events = ctx();
      session = await asteriskAriConnector.open!(events);
      await stub.socket(1);
    });
    after(() => session.close());

    it("should subscribe as the app to all events with the ARI user as api_key", () => {
      // then
      assert.deepEqual(Object.fromEntries(stub.connections[0]!), { app: "order-routes", api_key: "orders:ari-secret", subscribeAll: "true" });
    });

    it("should report an originated call as started, answered, ended with its duration, and its recording", async () => {
      // given a call originated through this session
      const idempotencyKey = "call:deal-3:user-1:1";
      await asteriskAriConnector.actions.call!.run({ operator: "101", to: "+7 912 345-67-89" }, actionContext(config(stub.url), { idempotencyKey, session }));
      const id = channelIdOf(idempotencyKey);
      const channel = (state: string) => ariChannel(id, "PJSIP/101-00000001", state, { number: "100" }, { context: "from-orders", exten: "s" });
      const from = events.emitted.length;
      // when Asterisk reports it (and something unrelated in between)
      stub.push(event("ChannelStateChange", at(0), { channel: ariChannel("1714550000.77", "PJSIP/103-00000009", "Up", { number: "103" }, { context: "internal", exten: "104" }) }));
      stub.push(event("ChannelStateChange", at(1), { channel: channel("Ringing") }));
      stub.push(event("ChannelStateChange", at(5), { channel: channel("Up") }));
      stub.push(event("ChannelHangupRequest", at(99), { channel: channel("Up"), cause: 16 }));
      stub.push(event("RecordingFinished", at(100), { recording: { name: "deal-3-call", format: "wav", state: "done", target_uri: `channel:${id}` } }));
      stub.push(event("ChannelDestroyed", at(100), { channel: channel("Up"), cause: 16, cause_txt: "Normal Clearing" }));
      // then
      const got = calls((await events.waitFor(from + 4)).slice(from));
      const call = { callId: id, direction: "outgoing", customerPhone: "+79123456789", operator: "101" };
      assert.deepEqual(got, [
        { ...call, event: "started", at: "2026-05-01T07:00:01.000Z" },
        { ...call, event: "answered", at: "2026-05-01T07:00:05.000Z" },
        { ...call, event: "recording", at: "2026-05-01T07:01:40.000Z", recordingUrl: `${stub.url}/recordings/stored/deal-3-call/file` },
        { ...call, event: "ended", at: "2026-05-01T07:01:40.000Z", durationSec: 95, disposition: "answered" },
      ]);
    });

    it("should read an unanswered originated call after a restart from its channel: busy or no answer, no duration", async () => {
      // given channels this connector originated before the engine restarted (nothing expected in memory)
      const from = events.emitted.length;
      const busy = ariChannel("or-00000000000000000000000000000001", "PJSIP/102-00000002", "Ringing", { number: "100" }, { context: "from-orders", exten: "79123456780" });
      const away = ariChannel("or-00000000000000000000000000000002", "PJSIP/102-00000003", "Ringing", { number: "100" }, { context: "from-orders", exten: "79123456781" });
      // when
      stub.push(event("ChannelStateChange", at(1), { channel: busy }));
      stub.push(event("ChannelDestroyed", at(3), { channel: busy, cause: 17, cause_txt: "User busy" }));
      stub.push(event("ChannelDestroyed", at(30), { channel: away, cause: 19, cause_txt: "No answer" }));
      // then
      const got = calls((await events.waitFor(from + 3)).slice(from));
      assert.deepEqual(got.map((c) => [c.callId.slice(-1), c.event, c.customerPhone, c.operator, c.durationSec, c.disposition]), [
        ["1", "started", "+79123456780", "102", undefined, undefined],
        ["1", "ended", "+79123456780", "102", 0, "busy"],
        ["2", "ended", "+79123456781", "102", 0, "no-answer"],
      ]);
    });

    it("should pop an incoming call entering the app, send it back to the dialplan, and follow the operator who answers", async () => {
      // given an incoming channel from the trunk
      const from = events.emitted.length;
      const incoming = ariChannel("1714550400.42", "PJSIP/trunk-0000002a", "Ring", { name: "Anna", number: "+79123456789" }, { context: "from-trunk", exten: "74951234567" });
      const operator = (ext: string) => ariChannel(`1714550400.4${ext}`, `PJSIP/${ext}-0000002b`, "Ringing", { number: "+79123456789" }, { context: "internal", exten: ext });
      // when it enters the app, the dialplan rings two operators, one answers, the customer hangs up
      stub.push(event("StasisStart", at(0), { channel: incoming, args: [] }));
      stub.push(event("Dial", at(1), { caller: incoming, peer: operator("101"), dialstring: "101", dialstatus: "" }));
      stub.push(event("Dial", at(1), { caller: incoming, peer: operator("102"), dialstring: "102", dialstatus: "" }));
      stub.push(event("Dial", at(8), { caller: incoming, peer: operator("102"), dialstatus: "ANSWER" }));
      stub.push(event("ChannelDestroyed", at(68), { channel: { ...incoming, state: "Up" }, cause: 16, cause_txt: "Normal Clearing" }));
      // then
      const got = calls((await events.waitFor(from + 5)).slice(from));
      const call = { callId: "1714550400.42", direction: "incoming", customerPhone: "+79123456789" };
      assert.deepEqual(got, [
        { ...call, event: "started", at: "2026-05-01T07:00:00.000Z" },
        { ...call, event: "started", operator: "101", at: "2026-05-01T07:00:01.000Z" },
        { ...call, event: "started", operator: "102", at: "2026-05-01T07:00:01.000Z" },
        { ...call, event: "answered", operator: "102", at: "2026-05-01T07:00:08.000Z" },
        { ...call, event: "ended", operator: "102", at: "2026-05-01T07:01:08.000Z", durationSec: 60, disposition: "answered" },
      ]);
      const resumed = await stub.received((r) => r.path.endsWith("/continue"));
      assert.equal(`${resumed.method} ${resumed.path}`, "POST /ari/channels/1714550400.42/continue", "sent back to the dialplan");
    });

    it("should reconnect after the socket drops and keep reporting", async () => {
      // given
      const from = events.emitted.length;
      // when Asterisk drops the socket and a call comes in afterwards
      stub.drop();
      await stub.socket(2);
      const incoming = ariChannel("1714550500.1", "PJSIP/trunk-00000030", "Ring", { number: "89123456789" }, { context: "from-trunk", exten: "s" });
      stub.push(event("StasisStart", at(0), { channel: incoming, args: ["105"] }));
      // then
      const [got] = calls((await events.waitFor(from + 1)).slice(from));
      assert.deepEqual(got, { callId: "1714550500.1", direction: "incoming", customerPhone: "+79123456789", operator: "105", event: "started", at: "2026-05-01T07:00:00.000Z" });
      assert.equal(stub.connections.length, 2);
    });

    it("should report health with the socket's state", async () => {
      // when
      const health = await asteriskAriConnector.health!({ config: config(stub.url), instance: "phone", session, signal: AbortSignal.timeout(5_000) });
      // then
      assert.equal(health.ok, true);
      assert.match(health.detail, /events socket connected/);
    });
  });
});
