/**
 * A text as SMS bytes: GSM 03.38 (data_coding 0, one octet per septet, as SMPP carries it) when every
 * character has a GSM code, else UCS-2 (data_coding 8, e.g. Russian). Split for concatenation when it is
 * longer than one SMS: 153 septets or 67 UCS-2 characters per part, never cutting an escape sequence or a
 * surrogate pair.
 */
import { smpp } from "./smpp-lib.ts";

/** data_coding of the SMSC's default alphabet (GSM 03.38). */
export const DATA_CODING_GSM = 0x00;
/** data_coding of UCS-2 (UTF-16BE). */
export const DATA_CODING_UCS2 = 0x08;

/** A text encoded for SMS: the whole, and the parts to send concatenated when it does not fit one SMS. */
export interface EncodedText {
  dataCoding: number;
  bytes: Buffer;
  /** One element when it fits one SMS. */
  parts: Buffer[];
}

/** Encodes a text and splits it into SMS parts. */
export function encodeText(text: string): EncodedText {
  if (smpp.encodings.ASCII.match(text)) {
    const bytes = smpp.encodings.ASCII.encode(text);
    return { dataCoding: DATA_CODING_GSM, bytes, parts: bytes.length <= 160 ? [bytes] : split(bytes, 153, 1, (b, at) => b[at - 1] === 0x1b) };
  }
  const bytes = Buffer.from(text, "utf16le").swap16();
  return { dataCoding: DATA_CODING_UCS2, bytes, parts: bytes.length <= 140 ? [bytes] : split(bytes, 134, 2, highSurrogateBefore) };
}

/** The user data header of part `seq` (1-based) of `total`: concatenation with an 8-bit reference. */
export function concatenationUdh(reference: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, seq]);
}

/** Cuts `bytes` into parts of at most `size` bytes on `unit` boundaries, moving a cut that `splitsPair` back by one unit. */
function split(bytes: Buffer, size: number, unit: number, splitsPair: (bytes: Buffer, at: number) => boolean): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + size, bytes.length);
    if (end < bytes.length && splitsPair(bytes, end)) end -= unit;
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts;
}

function highSurrogateBefore(bytes: Buffer, at: number): boolean {
  const unit = bytes.readUInt16BE(at - 2);
  return unit >= 0xd800 && unit <= 0xdbff;
}
