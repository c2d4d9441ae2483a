import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { InboundRejected } from "../../sdk/index.ts";
import { inboundContext, inboundRequest } from "../../sdk/testkit/index.ts";
import { bodySha256, twilioSignature, type FormPairs } from "./twilio-signature.ts";
import { twilioConnector } from "./twilio.connector.ts";
import type { TwilioConfig } from "./twilio.config.ts";

const corpus = new URL("../../../../shared/corpus/connectors/twilio/", import.meta.url);
const status = twilioConnector.inbound!.status!;

interface Vector {
  auth_token?: string;
  url?: string;
  params?: Record<string, string>;
  params_multi?: [string, string][];
  expected_signature?: string;
  json_body?: string;
  expected_bodySHA256?: string;
}
const vectors: Vector[] = JSON.parse(await readFile(new URL("request-validator-vectors.json", corpus), "utf8")).vectors;
const contract = JSON.parse(await readFile(new URL("status-callback.contract.json", corpus), "utf8"));
const signed = vectors.filter((v) => v.expected_signature);

function ctx(authToken: string) {
  return inboundContext<TwilioConfig>({ accountSid: "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", authToken, from: "+14155552345" }, "sms");
}

function pairsOf(vector: Vector): FormPairs {
  return vector.params_multi ?? Object.entries(vector.params ?? {});
}

/** A form-encoded request as Twilio sends it for a vector (the signature header as given). */
function formRequest(url: string, pairs: FormPairs, signature: string | undefined) {
  return inboundRequest({ url, form: true, body: new URLSearchParams(pairs).toString(), headers: signature ? { "X-Twilio-Signature": signature } : {} });
}

test("should accept every signed request of Twilio's validator vectors", async () => {
  assert.equal(signed.length, 3);
  for (const vector of signed) {
    // given the vector's request with its stated signature
    const request = formRequest(vector.url!, pairsOf(vector), vector.expected_signature);

    // when / then
    assert.equal(await status.verify(request, ctx(vector.auth_token!)), true, vector.url);
    assert.equal(twilioSignature(vector.auth_token!, vector.url!, pairsOf(vector)), vector.expected_signature);
  }
});

test("should refuse every vector once tampered with", async () => {
  for (const vector of signed) {
    const pairs = pairsOf(vector);
    const [firstName, firstValue] = pairs[0]!;
    const tampered: [string, ReturnType<typeof formRequest>, string][] = [
      ["a changed value", formRequest(vector.url!, [[firstName, `${firstValue}0`], ...pairs.slice(1)], vector.expected_signature), vector.auth_token!],
      ["an added parameter", formRequest(vector.url!, [...pairs, ["Extra", "1"]], vector.expected_signature), vector.auth_token!],
      ["a dropped parameter", formRequest(vector.url!, pairs.slice(1), vector.expected_signature), vector.auth_token!],
      ["another URL", formRequest(vector.url!.replace("foo=1", "foo=2"), pairs, vector.expected_signature), vector.auth_token!],
      ["another auth token", formRequest(vector.url!, pairs, vector.expected_signature), "54321"],
      ["no signature", formRequest(vector.url!, pairs, undefined), vector.auth_token!],
      ["a signature for another request", formRequest(vector.url!, pairs, signed.find((v) => v !== vector)!.expected_signature), vector.auth_token!],
      ["a truncated signature", formRequest(vector.url!, pairs, vector.expected_signature!.slice(0, -2)), vector.auth_token!],
    ];
    for (const [what, request, token] of tampered) {
      // when / then
      assert.equal(await status.verify(request, ctx(token)), false, `${vector.url}: ${what}`);
    }
  }
});

test("should accept a signed URL with or without the scheme's default port", async () => {
  // given the first vector, signed without a port, received with :443
  const vector = signed[0]!;
  const withPort = vector.url!.replace("mycompany.com/", "mycompany.com:443/");

  // when / then
  assert.equal(await status.verify(formRequest(withPort, pairsOf(vector), vector.expected_signature), ctx(vector.auth_token!)), true);
  // and a URL signed with port 1234 is not valid without it
  const portVector = signed.find((v) => v.url!.includes(":1234"))!;
  assert.equal(await status.verify(formRequest(portVector.url!.replace(":1234", ""), pairsOf(portVector), portVector.expected_signature), ctx(portVector.auth_token!)), false);
});

test("should check a JSON body against the bodySHA256 of the signed URL", async () => {
  // given the JSON vector: its body hash, and a URL carrying it signed by Twilio's rule
  const vector = vectors.find((v) => v.json_body)!;
  assert.equal(bodySha256(vector.json_body!), vector.expected_bodySHA256);
  const url = `https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=${vector.expected_bodySHA256}`;
  const signature = twilioSignature("12345", url);
  const json = (body: string) => inboundRequest({ url, body, headers: { "X-Twilio-Signature": signature } });

  // when / then the body as signed passes, a changed body or token fails
  assert.equal(await status.verify(json(vector.json_body!), ctx("12345")), true);
  assert.equal(await status.verify(json(vector.json_body!.replace("value", "other")), ctx("12345")), false);
  assert.equal(await status.verify(json(vector.json_body!), ctx("54321")), false);
});

test("should turn the contract's delivered and undelivered callbacks into message.status commands", async () => {
  // given the contract's sample bodies, signed for the instance's callback URL
  const url = "https://routes.example.com/hooks/sms/status";
  const cases = [
    [contract.example_form_body_delivered, { type: "message.status", providerId: "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", status: "delivered" }],
    [contract.example_form_body_undelivered, { type: "message.status", providerId: "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", status: "undelivered", error: "30003" }],
  ] as const;
  for (const [body, command] of cases) {
    const pairs = Object.entries(body as Record<string, string>);
    const request = formRequest(url, pairs, twilioSignature("tok", url, pairs));

    // when
    const verified = await status.verify(request, ctx("tok"));
    const result = await status.parse(request, ctx("tok"));

    // then
    assert.equal(verified, true);
    assert.deepEqual(result, { commands: [command], response: { status: 204, body: "" } });
  }
});

test("should map every status Twilio documents", async () => {
  // given our reading of each documented status
  const expected: Record<string, string | null> = {
    queued: "sent", accepted: "sent", scheduled: "sent", sending: "sent", sent: "sent", delivered: "delivered",
    undelivered: "undelivered", failed: "failed", read: "read", canceled: "failed", receiving: null, received: null, partially_delivered: "undelivered",
  };
  assert.deepEqual(Object.keys(expected).sort(), [...contract.status_values].sort());
  for (const twilioStatus of contract.status_values as string[]) {
    // when
    const { commands } = await status.parse(formRequest("https://x.test/hooks/sms/status", [["MessageSid", "SM1"], ["MessageStatus", twilioStatus]], undefined), ctx("t"));

    // then
    const command = commands[0]!;
    assert.equal(command.type === "message.status" ? command.status : null, expected[twilioStatus], twilioStatus);
  }
});

test("should refuse a callback without MessageSid or MessageStatus with 422 naming the field", async () => {
  for (const [pairs, pointer] of [
    [[["MessageStatus", "delivered"]], "/MessageSid"],
    [[["MessageSid", "SM1"]], "/MessageStatus"],
  ] as [FormPairs, string][]) {
    // when
    const error = await Promise.resolve().then(() => status.parse(formRequest("https://x.test/hooks/sms/status", pairs, undefined), ctx("t"))).catch((e: unknown) => e);

    // then
    assert.ok(error instanceof InboundRejected);
    assert.equal(error.status, 422);
    assert.equal(error.pointer, pointer);
  }
});

test("should refuse a callback that is not form-encoded with 415", async () => {
  // when
  const error = await Promise.resolve().then(() => status.parse(inboundRequest({ body: { MessageSid: "SM1", MessageStatus: "sent" } }), ctx("t"))).catch((e: unknown) => e);

  // then
  assert.ok(error instanceof InboundRejected);
  assert.equal(error.status, 415);
});
