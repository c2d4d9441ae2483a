import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { keepMaskedSecrets, maskSecrets, SECRET_MASK, secretPointers, validateConfig } from "./config.ts";
import { decryptJson, encryptJson, parseSecretKey } from "./secrets.ts";

const schema = {
  type: "object",
  required: ["host", "password"],
  properties: {
    host: { type: "string" },
    port: { type: "integer", default: 25 },
    password: { type: "string", "x-secret": true },
    oauth: { type: "object", properties: { clientId: { type: "string" }, clientSecret: { type: "string", "x-secret": true } } },
  },
};

test("should find nested secrets, mask them, and keep the stored ones when the mask comes back", () => {
  // given
  const stored = { host: "smtp.example", password: "p4ss", oauth: { clientId: "id", clientSecret: "s3cret" } };
  // when
  const masked = maskSecrets(schema, stored);
  const update = keepMaskedSecrets(schema, { ...masked, host: "smtp2.example" }, stored);
  // then
  assert.deepEqual(secretPointers(schema), ["/password", "/oauth/clientSecret"]);
  assert.deepEqual(masked, { host: "smtp.example", password: SECRET_MASK, oauth: { clientId: "id", clientSecret: SECRET_MASK } });
  assert.deepEqual(update, { host: "smtp2.example", password: "p4ss", oauth: { clientId: "id", clientSecret: "s3cret" } });
  assert.equal(stored.password, "p4ss", "the stored configuration is not changed");
});

test("should validate a configuration, fill defaults and name each field at fault", () => {
  const config: Record<string, unknown> = { host: "smtp.example", password: "x" };
  assert.deepEqual(validateConfig(schema, config), { ok: true });
  assert.equal(config.port, 25);
  const bad = validateConfig(schema, { port: "twenty-five" });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.pointer).sort(), ["/host", "/password", "/port"]);
});

test("should encrypt so that only the same key decrypts, and nothing of the secret shows", () => {
  // given
  const key = randomBytes(32);
  const value = { password: "p4ss-word", host: "smtp.example" };
  // when
  const sealed = encryptJson(key, value);
  // then
  assert.match(sealed, /^v1:[^:]+:[^:]+:[^:]+$/);
  assert.ok(!sealed.includes("p4ss") && !Buffer.from(sealed.split(":")[3]!, "base64").toString("utf8").includes("p4ss"));
  assert.notEqual(encryptJson(key, value), sealed, "a fresh IV each time");
  assert.deepEqual(decryptJson(key, sealed), value);
  assert.throws(() => decryptJson(randomBytes(32), sealed), /not the key it was stored with/);
  const [v, iv, tag, body] = sealed.split(":");
  const flipped = Buffer.from(body!, "base64");
  flipped[0] = flipped[0]! ^ 1;
  assert.throws(() => decryptJson(key, [v, iv, tag, flipped.toString("base64")].join(":")), /Cannot decrypt/);
});

test("should read a key as hex or base64 and explain a wrong one", () => {
  const key = randomBytes(32);
  assert.deepEqual(parseSecretKey(key.toString("hex")), key);
  assert.deepEqual(parseSecretKey(` ${key.toString("base64")}\n`), key);
  assert.throws(() => parseSecretKey("short"), /openssl rand -base64 32/);
});
