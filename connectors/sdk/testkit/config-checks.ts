/**
 * Test kit: the configuration schema round-trip, as the engine stores an instance — the sample validates,
 * the schema marks exactly the declared secrets, masking hides them and sending the mask back keeps them,
 * the encrypted form decrypts with its key and not with another, and a missing required field is named.
 */
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { keepMaskedSecrets, maskSecrets, secretPointers, SECRET_MASK, validateConfig } from "../config.ts";
import { decryptJson, encryptJson } from "../secrets.ts";
import type { Connector, JsonSchema } from "../types.ts";
import type { ConnectorKitSpec, KitFailure } from "./kit-spec.ts";

/** Base URL given to a function config outside the action checks (nothing listens there). */
export const NO_STUB_URL = "http://127.0.0.1:9";

/** The sample configuration for a stub URL, validated as the engine does before storing it (schema defaults filled in). */
export function sampleConfig<Config>(connector: Connector<any>, spec: ConnectorKitSpec<Config>, stubUrl = NO_STUB_URL): Config {
  const raw = typeof spec.config === "function" ? (spec.config as (url: string) => Config)(stubUrl) : spec.config;
  const config = structuredClone(raw);
  validateConfig(connector.configSchema, config);
  return config;
}

/** Failures of the configuration round-trip. */
export function configFailures(connector: Connector<any>, spec: ConnectorKitSpec<unknown>): KitFailure[] {
  const schema = connector.configSchema;
  const config = sampleConfig(connector, spec) as Record<string, unknown>;
  const failures: string[] = [];
  const check = validateConfig(schema, structuredClone(config));
  if (!check.ok) failures.push(`the sample configuration does not validate: ${check.errors.map((e) => `${e.pointer} ${e.message}`).join("; ")}.`);

  const marked = secretPointers(schema).sort();
  const declared = [...spec.secrets].sort();
  for (const pointer of declared.filter((p) => !marked.includes(p))) failures.push(`${pointer} is declared a secret but the schema does not mark it "x-secret": true (it would be stored and shown in clear).`);
  for (const pointer of marked.filter((p) => !declared.includes(p))) failures.push(`${pointer} is marked "x-secret" in the schema but not listed in the spec's secrets.`);

  const masked = maskSecrets(schema, config);
  for (const pointer of declared) {
    const value = valueAt(config, pointer);
    if (value === undefined || value === "") {
      failures.push(`the sample configuration has no value at ${pointer}; give every secret one so masking can be checked.`);
      continue;
    }
    if (valueAt(masked, pointer) !== SECRET_MASK) failures.push(`${pointer} is shown unmasked when the configuration is read back.`);
  }
  if (!isDeepStrictEqual(keepMaskedSecrets(schema, masked, config), config)) failures.push("sending the masked configuration back does not restore the stored secrets.");

  failures.push(...encryptionProblems(config));
  failures.push(...requiredProblems(schema, config));
  return failures.map((message) => ({ check: "config", message }));
}

function encryptionProblems(config: Record<string, unknown>): string[] {
  const key = randomBytes(32);
  const stored = encryptJson(key, config);
  const problems: string[] = [];
  if (!isDeepStrictEqual(decryptJson(key, stored), config)) problems.push("the configuration does not survive encryption (is it plain JSON?).");
  try {
    decryptJson(randomBytes(32), stored);
    problems.push("the encrypted configuration decrypted with another key.");
  } catch {
    // expected: another key cannot read it
  }
  return problems;
}

/** Each required top-level field without a default, left out, must fail validation naming its pointer. */
function requiredProblems(schema: JsonSchema, config: Record<string, unknown>): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const problems: string[] = [];
  for (const field of required.filter((name) => properties[name]?.default === undefined)) {
    const without = structuredClone(config);
    delete without[field];
    const check = validateConfig(schema, without);
    if (check.ok) problems.push(`a configuration without the required field /${field} validates.`);
    else if (!check.errors.some((e) => e.pointer === `/${field}`)) problems.push(`a configuration without /${field} fails without naming /${field}: ${check.errors.map((e) => e.pointer).join(", ")}.`);
  }
  return problems;
}

function valueAt(root: Record<string, unknown>, pointer: string): unknown {
  let value: unknown = root;
  for (const part of pointer.split("/").slice(1)) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}
