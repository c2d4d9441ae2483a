/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1 keyed with the auth token over the
 * full URL followed by each form parameter, sorted by name, as name + value (a repeated name: its values
 * sorted, duplicates once). A JSON body is not signed itself: Twilio puts its hex SHA-256 in the URL's
 * `bodySHA256` parameter and signs the URL alone. Like Twilio's own validators, the URL is tried with and
 * without its port (Twilio is not consistent about an explicit :443 or :80).
 */
import { createHash } from "node:crypto";
import { hmac, safeEqual } from "../../sdk/index.ts";

/** Form parameters as received, in order, a name possibly repeated. */
export type FormPairs = [string, string][];

/** The signature Twilio computes for a URL and its form parameters. */
export function twilioSignature(authToken: string, url: string, params: FormPairs = []): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) byName.set(name, (byName.get(name) ?? new Set()).add(value));
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...byName.get(name)!].sort()) data += name + value;
  }
  return hmac("sha1", authToken, Buffer.from(data, "utf8"), "base64");
}

/** The hex SHA-256 of a body, as Twilio puts it in `bodySHA256`. */
export function bodySha256(body: Buffer | string): string {
  return createHash("sha256").update(body).digest("hex");
}

/** True when the signature matches a form-encoded request (the URL with or without its port). */
export function verifyFormSignature(authToken: string, url: string, params: FormPairs, signature: string | undefined): boolean {
  return urlVariants(url).some((candidate) => safeEqual(twilioSignature(authToken, candidate, params), signature));
}

/** True when a JSON request's body matches the URL's `bodySHA256` and the signature matches the URL. */
export function verifyJsonSignature(authToken: string, url: string, rawBody: Buffer, signature: string | undefined): boolean {
  const expectedHash = new URL(url).searchParams.get("bodySHA256");
  if (!expectedHash || !safeEqual(bodySha256(rawBody), expectedHash.toLowerCase())) return false;
  return urlVariants(url).some((candidate) => safeEqual(twilioSignature(authToken, candidate), signature));
}

/** The URL as given, without its port, and with the scheme's default port when it has none. */
export function urlVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#]+)(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const host = authority.replace(/:\d+$/, "");
  const withoutPort = `${scheme}://${host}${rest}`;
  const withPort = host === authority ? `${scheme}://${authority}:${scheme.toLowerCase() === "https" ? 443 : 80}${rest}` : url;
  return [...new Set([url, withoutPort, withPort])];
}
