/**
 * The key that encrypts connector configurations: ORDER_ROUTES_SECRET_KEY, or (for a local install without
 * one) a key generated once into `<data dir>/secret.key` with owner-only permissions.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseSecretKey } from "../../../connectors/sdk/index.ts";

/** The key from the environment, else from (or newly written to) `keyFile`; `generated` says a new file was written. */
export function resolveSecretKey(env: string | undefined, keyFile: string): { key: Buffer; source: "env" | "file"; generated: boolean } {
  if (env?.trim()) return { key: parseSecretKey(env), source: "env", generated: false };
  if (existsSync(keyFile)) return { key: parseSecretKey(readFileSync(keyFile, "utf8")), source: "file", generated: false };
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString("base64") + "\n", { mode: 0o600 });
  return { key, source: "file", generated: true };
}
