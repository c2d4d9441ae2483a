/**
 * The SMPP session of one instance: bound as a transceiver, kept alive with enquire_link, bound again with
 * backoff when the connection drops, answering the SMSC's deliver_sm (receipts go to the engine first, so a
 * receipt the engine could not record is answered with a temporary error and sent again by the SMSC).
 *
 * Lifecycle: start() → connect → bind_transceiver → bound ⇄ (drop → wait 1 s, 2 s, 4 s … 60 s → connect
 * → bind) … close() → unbind → socket closed. A failed first bind rejects start() and nothing is retried.
 */
import { ConnectorError, type ConnectorSession, type SessionContext } from "../../sdk/index.ts";
import { describeStatus } from "./smpp-errors.ts";
import { pdu, smpp, type Pdu, type SmppSession } from "./smpp-lib.ts";
import { isReceipt, parseReceipt } from "./smpp-receipt.ts";
import type { SmppConfig } from "./smpp.config.ts";

/** Timing of the link (tests shorten nothing but may). */
export interface LinkTiming {
  bindTimeoutMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
}

const DEFAULT_TIMING: LinkTiming = { bindTimeoutMs: 10_000, minBackoffMs: 1_000, maxBackoffMs: 60_000 };

/** A bound transceiver session that rebinds itself; the connector's `ConnectorSession`. */
export class SmppLink implements ConnectorSession {
  /** Message ids of the later parts of a concatenated SMS → the id of its first part (its providerId). */
  readonly partOf = new Map<string, string>();
  private session: SmppSession | undefined;
  private bound = false;
  private started = false;
  private closing = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private enquireTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<number, (error: Error) => void>();
  private readonly timing: LinkTiming;

  constructor(
    private readonly config: SmppConfig,
    private readonly ctx: SessionContext<SmppConfig>,
    timing: Partial<LinkTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** `host:port` of the SMSC. */
  get where(): string {
    return `${this.config.host}:${this.config.port ?? 2775}`;
  }

  /** True while bound. */
  get isBound(): boolean {
    return this.bound;
  }

  /** Connects and binds; rejects with a sentence saying why when the first bind fails. */
  async start(): Promise<void> {
    await this.connect();
    this.started = true;
  }

  /** Sends a request PDU and resolves with its response; a retryable `ConnectorError` when not bound, dropped or aborted. */
  request(request: Pdu, signal: AbortSignal): Promise<Pdu> {
    const session = this.session;
    if (!session || !this.bound) return Promise.reject(new ConnectorError(`Not bound to the SMSC at ${this.where} (reconnecting); will retry.`, { retryable: true }));
    return new Promise<Pdu>((resolve, reject) => {
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        this.inFlight.delete(request.sequence_number);
        done();
      };
      const onAbort = () => settle(() => reject(new ConnectorError(`No ${request.command}_resp from the SMSC at ${this.where} in time; will retry (the SMSC may have taken it).`, { retryable: true })));
      signal.addEventListener("abort", onAbort, { once: true });
      const written = session.send(request, (response) => settle(() => resolve(response)));
      if (!written) return settle(() => reject(new ConnectorError(`The connection to the SMSC at ${this.where} is closed; will retry.`, { retryable: true })));
      this.inFlight.set(request.sequence_number, (error) => settle(() => reject(error)));
      if (signal.aborted) onAbort();
    });
  }

  /** Unbinds and closes the connection; no reconnecting afterwards. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.enquireTimer);
    const session = this.session;
    if (!session || session.socket.destroyed) return;
    const closed = new Promise<void>((resolve) => session.socket.once("close", () => resolve()));
    if (this.bound) await this.request(pdu("unbind"), AbortSignal.timeout(2_000)).catch(() => undefined);
    this.bound = false;
    if (!session.socket.destroyed) {
      const force = setTimeout(() => session.destroy(), 2_000);
      session.close();
      await closed;
      clearTimeout(force);
    }
  }

  private connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const session = smpp.connect({ host: this.config.host, port: this.config.port ?? 2775 });
      this.session = session;
      let settled = false;
      const fail = (error: ConnectorError) => {
        if (settled) return;
        settled = true;
        clearTimeout(bindTimer);
        session.destroy();
        reject(error);
      };
      const bindTimer = setTimeout(() => fail(new ConnectorError(`The SMSC at ${this.where} did not answer the bind in ${this.timing.bindTimeoutMs / 1000} s.`, { retryable: true })), this.timing.bindTimeoutMs);
      session.on("error", (error: Error) => {
        if (!settled) fail(new ConnectorError(`Cannot connect to the SMSC at ${this.where}: ${error.message}.`, { retryable: true, cause: error }));
        else this.ctx.log.warn({ err: error, smsc: this.where }, "SMPP connection error");
      });
      session.on("close", () => this.dropped(session));
      session.on("connect", () => {
        const bind = pdu("bind_transceiver", { system_id: this.config.systemId, password: this.config.password, system_type: this.config.systemType ?? "", interface_version: 0x34 });
        session.send(bind, (response) => {
          if (response.command_status !== 0) {
            const why = describeStatus(response.command_status);
            return fail(new ConnectorError(`The SMSC at ${this.where} refused the bind of system ID "${this.config.systemId}": ${why}; check systemId/password.`, { retryable: false, code: why.split(" ")[0] }));
          }
          settled = true;
          clearTimeout(bindTimer);
          this.bound = true;
          this.failures = 0;
          this.keepAlive(session);
          this.ctx.log.info({ smsc: this.where, systemId: this.config.systemId }, "SMPP transceiver bound");
          resolve();
        });
      });
      session.on("deliver_sm", (deliverSm: Pdu) => void this.delivered(session, deliverSm));
      session.on("enquire_link", (enquire: Pdu) => session.send(enquire.response()));
      session.on("unbind", (unbind: Pdu) => {
        this.bound = false;
        session.send(unbind.response());
        session.close();
      });
    });
  }

  private keepAlive(session: SmppSession): void {
    let unanswered = 0;
    clearInterval(this.enquireTimer);
    this.enquireTimer = setInterval(() => {
      if (unanswered > 0) {
        this.ctx.log.warn({ smsc: this.where }, "no enquire_link_resp from the SMSC; reconnecting");
        return session.destroy();
      }
      unanswered++;
      session.send(pdu("enquire_link"), () => (unanswered = 0));
    }, (this.config.enquireLinkSeconds ?? 30) * 1000);
    this.enquireTimer.unref();
  }

  private dropped(session: SmppSession): void {
    if (this.session !== session) return;
    this.bound = false;
    clearInterval(this.enquireTimer);
    for (const reject of [...this.inFlight.values()]) reject(new ConnectorError(`The connection to the SMSC at ${this.where} dropped before it answered; will retry (the SMSC may have taken the message).`, { retryable: true }));
    if (this.closing || !this.started || this.reconnectTimer) return;
    const delay = Math.min(this.timing.maxBackoffMs, this.timing.minBackoffMs * 2 ** this.failures) * (0.75 + Math.random() / 4);
    this.failures++;
    this.ctx.log.warn({ smsc: this.where, retryInMs: Math.round(delay) }, "SMPP connection dropped; binding again");
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((error: Error) => this.ctx.log.error({ err: error, smsc: this.where }, "SMPP bind failed; will try again"));
    }, delay);
  }

  private async delivered(session: SmppSession, deliverSm: Pdu): Promise<void> {
    const receipt = isReceipt(deliverSm) ? parseReceipt(deliverSm) : null;
    if (!receipt) {
      this.ctx.log.info({ smsc: this.where, from: deliverSm.source_addr, esmClass: deliverSm.esm_class }, isReceipt(deliverSm) ? "unreadable delivery receipt ignored" : "incoming SMS ignored");
      session.send(deliverSm.response());
      return;
    }
    const first = this.partOf.get(receipt.providerId);
    if (first && (receipt.status === "delivered" || receipt.status === "sent")) {
      session.send(deliverSm.response());
      return;
    }
    try {
      await this.ctx.emit([{ type: "message.status", providerId: first ?? receipt.providerId, status: receipt.status, ...(receipt.error ? { error: receipt.error } : {}) }]);
      session.send(deliverSm.response());
    } catch (error) {
      this.ctx.log.error({ err: error, providerId: receipt.providerId }, "cannot record a delivery receipt; the SMSC will send it again");
      session.send(deliverSm.response({ command_status: smpp.errors.ESME_RX_T_APPN }));
    }
  }
}
