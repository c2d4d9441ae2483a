import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { httpRequest, readJsonObject } from "./http.ts";
import { startHttpStub, type HttpStub } from "./testkit/index.ts";

let stub: HttpStub;
before(async () => {
  stub = await startHttpStub(async (request) => {
    if (request.path === "/slow") await new Promise((resolve) => setTimeout(resolve, 2_000));
    return request.path === "/json" ? { status: 200, body: { ok: true } } : { status: 418, body: `got ${request.body}` };
  });
});
after(() => stub.close());

test("should send the body with its length and headers, and give back status and text", async () => {
  const answer = await httpRequest(`${stub.url}/teapot`, { method: "POST", headers: { "x-test": "1" }, body: "привет" });
  assert.deepEqual([answer.status, answer.ok, answer.text], [418, false, "got привет"]);
  const seen = stub.requests.at(-1)!;
  assert.deepEqual([seen.method, seen.headers["x-test"], seen.headers["content-length"]], ["POST", "1", String(Buffer.byteLength("привет"))]);
});

test("should reject when the signal aborts, and when nobody listens", async () => {
  await assert.rejects(httpRequest(`${stub.url}/slow`, { method: "GET", headers: {}, signal: AbortSignal.timeout(50) }), /abort/i);
  await assert.rejects(httpRequest("http://127.0.0.1:1/", { method: "GET", headers: {} }), /ECONNREFUSED/);
});

test("should read a JSON object answer, and nothing from a text answer", async () => {
  assert.deepEqual(await readJsonObject(await fetch(`${stub.url}/json`)), { ok: true });
  assert.equal(await readJsonObject(await fetch(`${stub.url}/text`)), undefined);
});
