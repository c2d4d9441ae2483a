/**
 * Sending one SMS over a bound link: submit_sm to the E.164 digits, in the text's encoding, as one PDU,
 * concatenated parts (UDH) or one message_payload; the SMSC's message id is the providerId.
 */
import type { ActionResult } from "../../sdk/index.ts";
import { concatenationUdh, encodeText } from "./smpp-encoding.ts";
import { submitError } from "./smpp-errors.ts";
import type { SmppLink } from "./smpp-link.ts";
import { pdu } from "./smpp-lib.ts";
import { sourceAddress, type SmppConfig } from "./smpp.config.ts";

const UDH_INDICATOR = 0x40;
const KEEP_PART_IDS = 10_000;
let nextReference = Math.floor(Math.random() * 256);

/** Submits `text` to `destination` (E.164 digits, no plus); resolves with the first part's message id. */
export async function submitText(link: SmppLink, config: SmppConfig, destination: string, text: string, signal: AbortSignal): Promise<ActionResult> {
  const encoded = encodeText(text);
  const base = {
    ...sourceAddress(config),
    dest_addr_ton: config.destAddrTon ?? 1,
    dest_addr_npi: config.destAddrNpi ?? 1,
    destination_addr: destination,
    registered_delivery: config.registeredDelivery === false ? 0 : 1,
    data_coding: encoded.dataCoding,
  };
  let bodies: Record<string, unknown>[];
  if (encoded.parts.length === 1) bodies = [{ short_message: encoded.bytes }];
  else if (config.longMessages === "payload") bodies = [{ short_message: Buffer.alloc(0), message_payload: encoded.bytes }];
  else {
    const reference = nextReference++ & 0xff;
    bodies = encoded.parts.map((part, i) => ({ esm_class: UDH_INDICATOR, short_message: Buffer.concat([concatenationUdh(reference, encoded.parts.length, i + 1), part]) }));
  }
  const ids: string[] = [];
  for (const body of bodies) {
    const response = await link.request(pdu("submit_sm", { ...base, ...body }), signal);
    if (response.command_status !== 0) throw submitError(response.command_status, destination);
    ids.push(String(response.message_id));
  }
  const [providerId, ...later] = ids as [string, ...string[]];
  for (const id of later) link.partOf.set(id, providerId);
  while (link.partOf.size > KEEP_PART_IDS) link.partOf.delete(link.partOf.keys().next().value!);
  return {
    status: "sent",
    providerId,
    detail: { to: `+${destination}`, parts: encoded.parts.length, dataCoding: encoded.dataCoding === 8 ? "UCS2" : "GSM", ...(later.length ? { partIds: ids } : {}) },
  };
}
