/**
 * Phone numbers: normalised to E.164 with libphonenumber-js, so that a customer is recognised whatever the
 * storefront or the PBX wrote ("8 (912) 345-67-89", "+7 912 345 67 89", "79123456789").
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** Default country for numbers written without a country code (ORDER_ROUTES_PHONE_COUNTRY, else RU). */
export const DEFAULT_PHONE_COUNTRY = phoneCountry(process.env.ORDER_ROUTES_PHONE_COUNTRY);

/** A country code for national numbers (case-insensitive); throws a sentence for an unknown one. */
export function phoneCountry(text: string | undefined): CountryCode {
  const code = (text ?? "RU").trim().toUpperCase();
  if (!isSupportedCountry(code)) throw new Error(`ORDER_ROUTES_PHONE_COUNTRY "${text}" is not a country code libphonenumber knows (e.g. RU, KZ, DE).`);
  return code;
}

/** The number in E.164 (`+79123456789`), or null when it is not a valid phone number. */
export function normalizePhone(raw: string | null | undefined, country: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  if (!raw) return null;
  const text = String(raw).trim();
  const bare = text.replace(/[\s()-]/g, "");
  // "79123456789" from a PBX: digits with a country code but no plus; "0049…": the international 00 prefix
  const candidates = /^\d{11,15}$/.test(bare) ? [text, `+${bare}`] : [text];
  if (/^00\d{8,15}$/.test(bare)) candidates.push(`+${bare.slice(2)}`);
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, country);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}

/** The number written for people in its international format (`+7 912 345 67 89`); the input when unparseable. */
export function formatPhone(raw: string | null | undefined, country: CountryCode = DEFAULT_PHONE_COUNTRY): string {
  if (!raw) return "";
  const e164 = normalizePhone(raw, country);
  return e164 ? parsePhoneNumberFromString(e164)!.formatInternational() : String(raw);
}
