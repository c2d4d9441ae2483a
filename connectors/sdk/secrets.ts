/**
 * Encryption of connector configurations at rest: AES-256-GCM with a 32-byte key from the environment
 * (ORDER_ROUTES_SECRET_KEY, base64 or hex). The stored form is `v1:<iv>:<tag>:<ciphertext>` (base64 parts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Reads a 32-byte key written as 64 hex digits or base64; throws a sentence saying how to make one. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("ORDER_ROUTES_SECRET_KEY must be 32 bytes (64 hex digits or base64); make one with `openssl rand -base64 32`.");
  }
  return key;
}

/** Encrypts a JSON value with the key. */
export function encryptJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

/** Decrypts what `encryptJson` wrote; throws when the key is wrong or the text was altered. */
export function decryptJson<T = unknown>(key: Buffer, stored: string): T {
  const [version, iv, tag, body] = stored.split(":");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Not an encrypted connector configuration (expected v1:iv:tag:data).");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    return JSON.parse(text) as T;
  } catch {
    throw new Error("Cannot decrypt a connector configuration: ORDER_ROUTES_SECRET_KEY is not the key it was stored with.");
  }
}
