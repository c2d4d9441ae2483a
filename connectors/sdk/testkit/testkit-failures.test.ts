import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConnectorError } from "../errors.ts";
import type { Connector, InboundRequest } from "../types.ts";
import { checkConnectorKit, type ConnectorKitSpec } from "./index.ts";
import { pingConnector, pingSpec, type PingConfig } from "./testing/ping.connector.ts";

type Ping = Connector<PingConfig>;
const events = pingConnector.inbound!.events;
const send = pingConnector.actions.send;

async function failuresOf(connector: Ping, spec: ConnectorKitSpec<PingConfig> = pingSpec): Promise<string[]> {
  return (await checkConnectorKit(connector, spec)).map((f) => `${f.check}: ${f.message}`);
}

function withSend(run: typeof send.run, changes: Partial<typeof send> = {}): Ping {
  return { ...pingConnector, actions: { send: { ...send, ...changes, run } } };
}

describe("connector kit on broken connectors", () => {
  it("should find nothing wrong with the sound fixture", async () => {
    // when
    const failures = await failuresOf(pingConnector);

    // then
    assert.deepEqual(failures, []);
  });

  it("should fail a connector whose verify accepts anything, naming each bad request", async () => {
    // given
    const broken = { ...pingConnector, inbound: { events: { ...events, verify: () => true } } };

    // when
    const failures = await failuresOf(broken);

    // then
    assert.deepEqual(failures, [
      "inbound.events: bad[0] was not refused by verify: it answered true; a tampered or unsigned request must give false.",
      "inbound.events: bad[1] was not refused by verify: it answered true; a tampered or unsigned request must give false.",
    ]);
  });

  it("should fail a connector whose verify throws on an unsigned request instead of answering false", async () => {
    // given
    const verify = (request: InboundRequest, ctx: Parameters<typeof events.verify>[1]) => {
      if (!request.headers["x-ping-signature"]) throw new TypeError("no signature");
      return events.verify(request, ctx);
    };
    const broken = { ...pingConnector, inbound: { events: { ...events, verify } } };

    // when
    const failures = await failuresOf(broken);

    // then
    assert.equal(failures.length, 1);
    assert.match(failures[0], /^inbound\.events: bad\[1\] was not refused by verify: it answered threw TypeError: no signature/);
  });

  it("should fail a connector whose secret is not marked x-secret", async () => {
    // given
    const schema = structuredClone(pingConnector.configSchema) as { properties: Record<string, Record<string, unknown>> };
    delete schema.properties.token["x-secret"];

    // when
    const failures = await failuresOf({ ...pingConnector, configSchema: schema });

    // then
    assert.deepEqual(failures, [
      'config: /token is declared a secret but the schema does not mark it "x-secret": true (it would be stored and shown in clear).',
      "config: /token is shown unmasked when the configuration is read back.",
    ]);
  });

  it("should fail a connector that retries a refusal no retry can fix", async () => {
    // given every failure thrown as retryable
    const broken = withSend(async (input, ctx) => {
      try {
        return await send.run(input, ctx);
      } catch (error) {
        throw new ConnectorError((error as Error).message, { retryable: true });
      }
    });

    // when
    const failures = await failuresOf(broken);

    // then
    assert.deepEqual(failures, ["retries.send[2]: the ConnectorError on the answer HTTP 400 is retryable; expected permanent (Ping answered 400.)."]);
  });

  it("should fail a connector that lets plain errors out of an action", async () => {
    // given an action that neither catches network errors nor classifies answers
    const broken = withSend(async (input, ctx) => {
      const response = await fetch(`${ctx.config.baseUrl}/messages`, { method: "POST", headers: { authorization: `Bearer ${ctx.config.token}` }, body: JSON.stringify(input) });
      if (response.status !== 201) throw new Error(`HTTP ${response.status}`);
      return { status: "sent", providerId: ((await response.json()) as { id: string }).id };
    });

    // when
    const failures = await failuresOf(broken);

    // then
    assert.deepEqual(failures, [
      "retries.send[0]: the action threw Error: HTTP 503 on the answer HTTP 503; throw a ConnectorError saying whether a retry can help.",
      "retries.send[1]: the action threw TypeError: fetch failed on an unreachable provider; throw a ConnectorError saying whether a retry can help.",
      "retries.send[2]: the action threw Error: HTTP 400 on the answer HTTP 400; throw a ConnectorError saying whether a retry can help.",
    ]);
  });

  it("should fail an action whose input schema refuses what routes send, or whose result has no delivery status", async () => {
    // given
    const strict = withSend(send.run, { inputSchema: { type: "object", required: ["phone"], properties: { phone: { type: "string" } } } });
    const vague = withSend(async () => ({ status: "ok" }) as never);

    // when
    const strictFailures = await failuresOf(strict);
    const vagueFailures = await failuresOf(vague);

    // then
    assert.deepEqual(strictFailures, ["actions.send: the input does not match the action's inputSchema (the outbox would refuse it): /phone config must have required property 'phone'."]);
    assert.equal(vagueFailures[0], 'actions.send: the action returned status "ok"; expected "sent" or "delivered".');
  });

  it("should fail a handler that crashes on a malformed payload or parses to other commands", async () => {
    // given
    const crashing = { ...pingConnector, inbound: { events: { ...events, parse: (request: InboundRequest) => ({ commands: [{ type: "none" as const, note: JSON.parse(request.rawBody.toString()).messageId.trim() }] }) } } };
    const pessimist = { ...pingConnector, inbound: { events: { ...events, parse: () => ({ commands: [{ type: "message.status" as const, providerId: "m-1", status: "failed" as const }] }) } } };

    // when
    const crashFailures = await failuresOf(crashing);
    const pessimistFailures = await failuresOf(pessimist);

    // then
    assert.equal(crashFailures.length, 2);
    assert.match(crashFailures[1], /^inbound\.events: malformed\[0\] was not refused with InboundRejected: TypeError: /);
    assert.equal(pessimistFailures[0], 'inbound.events: the good request parsed to [{"type":"message.status","providerId":"m-1","status":"failed"}]; expected [{"type":"message.status","providerId":"m-1","status":"delivered"}].');
  });

  it("should fail an element template that binds a missing action, and an action the spec does not exercise", async () => {
    // given
    const templates = [{ id: "ping.cancel", name: "Cancel", appliesTo: ["bpmn:ServiceTask"], properties: [{ type: "Hidden", value: "cancel", binding: { type: "or:connector", name: "action" } }] }];
    const broken = { ...pingConnector, actions: { ...pingConnector.actions, recall: send }, elementTemplates: templates };

    // when
    const failures = await failuresOf(broken);

    // then
    assert.deepEqual(failures, [
      'definition: action "recall" is not exercised: add actions["recall"] to the kit spec.',
      'definition: elementTemplates[0] binds action "cancel", which the connector does not have.',
      'definition: elementTemplates[0] has no or:connector binding of "connector" (the instance name).',
    ]);
  });

  it("should fail a health check that reports a refused login as healthy, and a sample configuration that does not validate", async () => {
    // given
    const optimist = { ...pingConnector, health: async () => ({ ok: true, detail: "fine" }) };
    const emptyToken = { ...pingSpec, config: (url: string) => ({ baseUrl: url, token: "", hookSecret: "hook-secret" }) };

    // when
    const healthFailures = await failuresOf(optimist);
    const configFailures = await failuresOf(pingConnector, emptyToken);

    // then
    assert.deepEqual(healthFailures, ["health[1]: the health check reported ok true (fine); expected false."]);
    assert.equal(configFailures[0], "config: the sample configuration does not validate: /token /token must NOT have fewer than 1 characters.");
    assert.ok(configFailures.includes("config: the sample configuration has no value at /token; give every secret one so masking can be checked."));
  });
});
