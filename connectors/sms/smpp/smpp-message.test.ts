import assert from "node:assert/strict";
import { test } from "node:test";
import { concatenationUdh, encodeText } from "./smpp-encoding.ts";
import { pdu } from "./smpp-lib.ts";
import { isReceipt, parseReceipt } from "./smpp-receipt.ts";

test("should keep a GSM text of 160 characters in one part and split 161 into 153 + 8", () => {
  // given / when
  const one = encodeText("a".repeat(160));
  const two = encodeText("a".repeat(161));

  // then
  assert.deepEqual([one.dataCoding, one.parts.length], [0, 1]);
  assert.deepEqual([two.dataCoding, two.parts.map((p) => p.length)], [0, [153, 8]]);
});

test("should not cut a GSM escape sequence between two parts", () => {
  // given a text whose 153rd septet would be the escape of "€"
  const text = `${"a".repeat(152)}€${"b".repeat(20)}`;

  // when
  const { parts } = encodeText(text);

  // then the escape moves to the second part with its character
  assert.deepEqual(parts.map((p) => p.length), [152, 22]);
  assert.deepEqual([...parts[1]!.subarray(0, 2)], [0x1b, 0x65]);
});

test("should encode Russian as UCS-2: 70 characters in one part, 71 in 67 + 4", () => {
  // given / when
  const one = encodeText("ж".repeat(70));
  const two = encodeText("ж".repeat(71));

  // then
  assert.deepEqual([one.dataCoding, one.bytes.length, one.parts.length], [8, 140, 1]);
  assert.deepEqual(two.parts.map((p) => p.length / 2), [67, 4]);
  assert.equal(one.bytes.readUInt16BE(0), 0x0436);
});

test("should not cut a surrogate pair between two UCS-2 parts", () => {
  // given 66 letters then an emoji (two UTF-16 units)
  const { parts } = encodeText(`${"ж".repeat(66)}😀 ok`);

  // when / then the emoji starts the second part whole
  assert.equal(parts[0]!.length, 132);
  assert.equal(parts[1]!.swap16().toString("utf16le"), "😀 ok");
});

test("should build the concatenation header of a part", () => {
  // when / then
  assert.deepEqual([...concatenationUdh(0x1a7, 5, 2)], [0x05, 0x00, 0x03, 0xa7, 5, 2]);
});

test("should read a receipt's id, state and error from its text, whatever the case of stat", () => {
  // given receipts as SMSCs write them
  const receipt = (text: string, fields: Record<string, unknown> = {}) => pdu("deliver_sm", { esm_class: 0x04, short_message: { message: text }, ...fields });
  const cases: [string, unknown][] = [
    ["id:12345 sub:001 dlvr:001 submit date:2611241200 done date:2611241201 stat:DELIVRD err:000 text:Hi", { providerId: "12345", status: "delivered", state: "DELIVRD" }],
    ["id:77 sub:001 dlvr:000 submit date:2611241200 done date:2611241201 stat:undeliv err:034 text:", { providerId: "77", status: "undelivered", state: "UNDELIV", error: "UNDELIV err:034" }],
    ["id:78 stat:ACCEPTD err:000", { providerId: "78", status: "sent", state: "ACCEPTD" }],
    ["id:79 stat:REJECTD err:0", { providerId: "79", status: "failed", state: "REJECTD", error: "REJECTD" }],
    ["hello, this is not a receipt", null],
    ["id:80 stat:WHATEVER", null],
  ];

  // when / then
  for (const [text, expected] of cases) assert.deepEqual(parseReceipt(receipt(text)), expected, text);
  assert.equal(isReceipt(receipt("x")), true);
  assert.equal(isReceipt(pdu("deliver_sm", { esm_class: 0 })), false);
});

test("should prefer the receipted_message_id and message_state TLVs to the text", () => {
  // given
  const deliverSm = pdu("deliver_sm", { esm_class: 0x04, short_message: { message: "id:1 stat:DELIVRD err:000" }, receipted_message_id: "a-2", message_state: 3 });

  // when / then
  assert.deepEqual(parseReceipt(deliverSm), { providerId: "a-2", status: "failed", state: "EXPIRED", error: "EXPIRED" });
});
