/**
 * Test support: a real SMPP server on loopback (the `smpp` package's server) playing the SMS centre. It
 * checks the bind credentials, answers submit_sm with a message id (or the status a test asks for), and
 * sends deliver_sm PDUs (receipts) to the bound client, keeping everything it received.
 */
import type { AddressInfo } from "node:net";
import { pdu, smpp, type Pdu, type SmppSession } from "./smpp-lib.ts";

/** A running SMSC. */
export interface Smsc {
  port: number;
  binds: Pdu[];
  submits: Pdu[];
  /** The client's answers to our deliver_sm. */
  deliverResponses: Pdu[];
  unbinds: number;
  /** Sessions bound now. */
  bound: SmppSession[];
  /** Sends a deliver_sm to the bound client; resolves with its deliver_sm_resp. */
  deliver(fields: Record<string, unknown>): Promise<Pdu>;
  /** Cuts every connection (the client should bind again). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Starts an SMSC accepting `systemId`/`password`; `submitStatus` decides each submit_sm's command_status (0 by default). */
export async function startSmsc(options: { systemId: string; password: string; submitStatus?: (submit: Pdu) => number }): Promise<Smsc> {
  let nextId = 0x3e8;
  const smsc: Omit<Smsc, "port"> = {
    binds: [],
    submits: [],
    deliverResponses: [],
    unbinds: 0,
    bound: [],
    deliver(fields) {
      const session = smsc.bound.at(-1);
      if (!session) return Promise.reject(new Error("no bound client"));
      return new Promise((resolve) => session.send(pdu("deliver_sm", fields), (response) => {
        smsc.deliverResponses.push(response);
        resolve(response);
      }));
    },
    dropConnections() {
      for (const session of server.sessions) session.destroy();
    },
    async close() {
      for (const session of server.sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = smpp.createServer((session) => {
    session.on("error", () => {});
    session.on("close", () => smsc.bound.includes(session) && smsc.bound.splice(smsc.bound.indexOf(session), 1));
    session.on("bind_transceiver", (bind: Pdu) => {
      smsc.binds.push(bind);
      if (bind.system_id !== options.systemId || bind.password !== options.password) {
        const status = bind.system_id !== options.systemId ? smpp.errors.ESME_RINVSYSID! : smpp.errors.ESME_RINVPASWD!;
        session.send(bind.response({ command_status: status }));
        return session.close();
      }
      smsc.bound.push(session);
      session.send(bind.response({ system_id: "stub-smsc" }));
    });
    session.on("submit_sm", (submit: Pdu) => {
      smsc.submits.push(submit);
      const status = options.submitStatus?.(submit) ?? 0;
      session.send(status === 0 ? submit.response({ message_id: `${(nextId++).toString(16)}_ab` }) : submit.response({ command_status: status }));
    });
    session.on("enquire_link", (enquire: Pdu) => session.send(enquire.response()));
    session.on("unbind", (unbind: Pdu) => {
      smsc.unbinds++;
      session.send(unbind.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(smsc, { port: (server.address() as AddressInfo).port });
}

/** A delivery receipt as most SMSCs send it: ASCII text in short_message, data_coding 0, esm_class 0x04. */
export function receiptPdu(messageId: string, stat: string, err = "000"): Record<string, unknown> {
  const text = `id:${messageId} sub:001 dlvr:${stat === "DELIVRD" ? "001" : "000"} submit date:2611241200 done date:2611241201 stat:${stat} err:${err} text:Zakaz 1001`;
  return { source_addr: "79123456789", source_addr_ton: 1, source_addr_npi: 1, destination_addr: "MyShop", esm_class: 0x04, data_coding: 0, short_message: Buffer.from(text, "latin1") };
}

/** Waits until `condition` holds (polling), failing with `what` after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
