/**
 * The SMPP connector's configuration: the SMSC's address, the bind credentials, the sender and the
 * address types (TON/NPI) of both ends.
 */
import type { JsonSchema } from "../../sdk/index.ts";

/** An SMPP instance's configuration (defaults filled in by validation). */
export interface SmppConfig {
  host: string;
  port?: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** The sender: an alphanumeric name (`MyShop`) or a number. */
  sourceAddr: string;
  /** Type of number of the sender; by default 5 (alphanumeric) for a name, 1 (international) for digits. */
  sourceAddrTon?: number;
  /** Numbering plan of the sender; by default 0 for a name, 1 (ISDN) for digits. */
  sourceAddrNpi?: number;
  /** Type of number of the recipient (1: international, as E.164 digits are sent). */
  destAddrTon?: number;
  /** Numbering plan of the recipient (1: ISDN/E.164). */
  destAddrNpi?: number;
  /** Ask the SMSC for delivery receipts (default true). */
  registeredDelivery?: boolean;
  /** Seconds between enquire_link checks of the connection (default 30). */
  enquireLinkSeconds?: number;
  /** How a text longer than one SMS goes: concatenated parts with a UDH (default), or whole in message_payload. */
  longMessages?: "udh" | "payload";
}

const ton = { type: "integer", minimum: 0, maximum: 6 };
const npi = { type: "integer", minimum: 0, maximum: 18 };

/** JSON Schema of `SmppConfig`. */
export const smppConfigSchema: JsonSchema = {
  type: "object",
  required: ["host", "systemId", "password", "sourceAddr"],
  additionalProperties: false,
  properties: {
    host: { type: "string", title: "SMSC host", minLength: 1 },
    port: { type: "integer", title: "SMSC port", minimum: 1, maximum: 65535, default: 2775 },
    systemId: { type: "string", title: "System ID (login)", minLength: 1 },
    password: { type: "string", title: "Password", "x-secret": true },
    systemType: { type: "string", title: "System type", maxLength: 12, default: "" },
    sourceAddr: { type: "string", title: "Sender", minLength: 1, maxLength: 20, description: "An alphanumeric sender name (up to 11 characters) or a number." },
    sourceAddrTon: { ...ton, title: "Sender TON", description: "Default: 5 (alphanumeric) for a name, 1 (international) for a number." },
    sourceAddrNpi: { ...npi, title: "Sender NPI", description: "Default: 0 for a name, 1 (ISDN) for a number." },
    destAddrTon: { ...ton, title: "Recipient TON", default: 1 },
    destAddrNpi: { ...npi, title: "Recipient NPI", default: 1 },
    registeredDelivery: { type: "boolean", title: "Ask for delivery receipts", default: true },
    enquireLinkSeconds: { type: "integer", title: "Keep-alive (enquire_link) every, seconds", minimum: 5, maximum: 600, default: 30 },
    longMessages: { enum: ["udh", "payload"], title: "Long texts as", default: "udh", description: "udh: concatenated parts (every SMSC); payload: one submit_sm with message_payload (the SMSC splits)." },
  },
};

/** The sender's TON and NPI: configured, else guessed from the sender (a name or digits). */
export function sourceAddress(config: SmppConfig): { source_addr: string; source_addr_ton: number; source_addr_npi: number } {
  const numeric = /^\+?\d+$/.test(config.sourceAddr);
  return {
    source_addr: numeric ? config.sourceAddr.replace(/^\+/, "") : config.sourceAddr,
    source_addr_ton: config.sourceAddrTon ?? (numeric ? 1 : 5),
    source_addr_npi: config.sourceAddrNpi ?? (numeric ? 1 : 0),
  };
}
