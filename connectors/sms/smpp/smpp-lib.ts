/**
 * The `smpp` npm package (CommonJS, without type declarations) behind the few types this connector uses.
 */
import type { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type { Server, Socket } from "node:net";

/** A PDU: the command's fields as properties (`destination_addr`, `short_message` …). */
export interface Pdu {
  command: string;
  command_status: number;
  sequence_number: number;
  [field: string]: any;
  /** The response PDU to this request (`submit_sm` → `submit_sm_resp`). */
  response(options?: Record<string, unknown>): Pdu;
  isResponse(): boolean;
}

/** One SMPP connection (client side from `connect`, server side in `createServer`'s listener). */
export interface SmppSession extends EventEmitter {
  socket: Socket;
  /** Sends a PDU; `onResponse` gets the answer to a request. False when the socket is not writable. */
  send(pdu: Pdu, onResponse?: (response: Pdu) => void): boolean;
  close(callback?: () => void): void;
  destroy(callback?: () => void): void;
}

/** An SMPP server (a `net.Server` keeping its sessions). */
export interface SmppServer extends Server {
  sessions: SmppSession[];
}

/** A text encoding of the package: GSM 03.38 (`ASCII`), `LATIN1`, `UCS2`. */
export interface SmppEncoding {
  match(text: string): boolean;
  encode(text: string): Buffer;
  decode(bytes: Buffer): string;
}

interface SmppLib {
  connect(options: { host: string; port: number }): SmppSession;
  createServer(listener: (session: SmppSession) => void): SmppServer;
  PDU: new (command: string, options?: Record<string, unknown>) => Pdu;
  errors: Record<string, number>;
  encodings: { ASCII: SmppEncoding; LATIN1: SmppEncoding; UCS2: SmppEncoding };
}

/** The package. */
export const smpp = createRequire(import.meta.url)("smpp") as SmppLib;

/** Builds a PDU. */
export function pdu(command: string, fields: Record<string, unknown> = {}): Pdu {
  return new smpp.PDU(command, fields);
}
