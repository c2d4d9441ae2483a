import assert from "node:assert/strict";
import { test } from "node:test";
import { formatPhone, normalizePhone, phoneCountry } from "./phone.ts";

test("should normalise the ways a Russian mobile number is written to one E.164 number", () => {
  // given a number as a storefront, an operator and a PBX write it
  const written = ["8 (912) 345-67-89", "+7 912 345 67 89", "79123456789", "89123456789", "9123456789", "+7 (912) 345-67-89", "8-912-345-67-89", "tel:+79123456789"];

  // when each is normalised with Russia as the default country
  const normalised = written.map((raw) => normalizePhone(raw, "RU"));

  // then all are the same number
  assert.deepEqual(normalised, written.map(() => "+79123456789"));
});

test("should normalise a Russian toll-free number written with the trunk prefix 8", () => {
  // given / when
  const normalised = normalizePhone("8 800 555 35 35", "RU");

  // then
  assert.equal(normalised, "+78005553535");
});

test("should keep the country of a foreign number written with a plus", () => {
  // given foreign numbers in international form
  const cases: [string, string][] = [
    ["+49 1511 2345678", "+4915112345678"],
    ["+1 (202) 555-0123", "+12025550123"],
    ["+380 50 123 4567", "+380501234567"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+7 701 234 5678", "+77012345678"],
  ];

  // when / then each keeps its own country code although the default country is Russia
  for (const [raw, expected] of cases) assert.equal(normalizePhone(raw, "RU"), expected, raw);
});

test("should read a foreign number written with its country code but without the plus", () => {
  // given numbers as a PBX reports them: digits with the country code, no plus
  const cases: [string, string][] = [
    ["4915112345678", "+4915112345678"],
    ["12025550123", "+12025550123"],
    ["380501234567", "+380501234567"],
    ["442079460958", "+442079460958"],
  ];

  // when / then
  for (const [raw, expected] of cases) assert.equal(normalizePhone(raw, "RU"), expected, raw);
});

test("should read a number dialled from Russia with the international prefix 810", () => {
  // given / when
  const normalised = normalizePhone("810 49 151 12345678", "RU");

  // then
  assert.equal(normalised, "+4915112345678");
});

test("should read a national number in the given default country", () => {
  // given a London number written nationally
  // when it is read with Great Britain as the default country
  const normalised = normalizePhone("020 7946 0958", "GB");

  // then it gets the British country code
  assert.equal(normalised, "+442079460958");
});

test("should drop an extension from the E.164 form", () => {
  // given / when
  const normalised = normalizePhone("8 912 345-67-89 доб. 12", "RU");

  // then
  assert.equal(normalised, "+79123456789");
});

test("should give null for text that is not a valid phone number", () => {
  // given garbage, empty values, a too short and a too long number
  const garbage = ["abc", "", "   ", "+7 912", "12345", "+7 912 345 67 890", "8 (912) 345-67", "order #79123", null, undefined];

  // when / then
  for (const raw of garbage) assert.equal(normalizePhone(raw, "RU"), null, String(raw));
});

test("should format a number for people in its international form", () => {
  // given numbers written in several ways
  const cases: [string, string][] = [
    ["8 (912) 345-67-89", "+7 912 345 67 89"],
    ["+79123456789", "+7 912 345 67 89"],
    ["79123456789", "+7 912 345 67 89"],
    ["+4915112345678", "+49 1511 2345678"],
    ["+12025550123", "+1 202 555 0123"],
  ];

  // when / then
  for (const [raw, expected] of cases) assert.equal(formatPhone(raw, "RU"), expected, raw);
});

test("should format a foreign number written without the plus as normalizePhone reads it", () => {
  // given a German number as a PBX reports it, which normalizePhone reads as +4915112345678
  const raw = "4915112345678";

  // when it is formatted
  const formatted = formatPhone(raw, "RU");

  // then it is shown as that number
  assert.equal(formatted, "+49 1511 2345678");
});

test("should give unparseable text back unchanged when formatting, and nothing for no number", () => {
  // given / when / then
  assert.equal(formatPhone("call the shop", "RU"), "call the shop");
  assert.equal(formatPhone("+7 912", "RU"), "+7 912");
  assert.equal(formatPhone(null, "RU"), "");
  assert.equal(formatPhone(undefined, "RU"), "");
});

test("should read the international 00 prefix and check the configured country", () => {
  assert.equal(normalizePhone("0049 151 12345678"), "+4915112345678");
  assert.equal(phoneCountry("kz"), "KZ");
  assert.throws(() => phoneCountry("Russia"), /ORDER_ROUTES_PHONE_COUNTRY "Russia"/);
});
