/**
 * Signature helpers shared by connectors: HMAC digests and a constant-time comparison.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** HMAC of `data` with `secret`, encoded as asked. */
export function hmac(algorithm: "sha1" | "sha256" | "sha512", secret: string | Buffer, data: string | Buffer, encoding: "base64" | "hex"): string {
  return createHmac(algorithm, secret).update(data).digest(encoding);
}

/** Compares two signatures in constant time; false when either is missing or their lengths differ. */
export function safeEqual(a: string | undefined | null, b: string | undefined | null): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
