/**
 * The ARI events WebSocket (`GET /events?app=…&api_key=user:pass&subscribeAll=true`, api-docs.events.json)
 * of one instance: reconnects with exponential backoff, turns events into `call.event` commands through a
 * `CallTracker`, and sends incoming channels that entered the Stasis app back to the dialplan.
 */
import WebSocket from "ws";
import type { ConnectorLogger, ConnectorSession, EngineCommand } from "../../sdk/index.ts";
import { CallTracker, type AriEvent, type ExpectedCall } from "./ari.calls.ts";
import { continueInDialplan, type AriEndpoint } from "./ari.rest.ts";

/** First reconnect delay; doubled per failed attempt up to `MAX_BACKOFF_MS`, with jitter. */
const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** What the session needs. */
export interface AriSessionOptions {
  ari: AriEndpoint;
  app: string;
  tracker: CallTracker;
  log: ConnectorLogger;
  emit(commands: EngineCommand[]): Promise<void>;
}

/** A live events socket; the `call` action tells it whom an originated channel calls. */
export class AriSession implements ConnectorSession {
  private socket?: WebSocket;
  private attempts = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;
  /** Emits in arrival order (started before answered before ended). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: AriSessionOptions) {}

  /** Starts connecting (and keeps reconnecting until closed). */
  start(): this {
    this.connect();
    return this;
  }

  /** True while the events socket is open. */
  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Remembers the customer and operator of a channel the `call` action originated. */
  expect(channelId: string, call: ExpectedCall): void {
    this.options.tracker.expect(channelId, call);
  }

  /** Stops reconnecting and closes the socket; resolves once queued events are handed over. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.terminate();
    await this.queue;
  }

  private connect(): void {
    const { ari, app, log } = this.options;
    const url = new URL(`${ari.url.replace(/\/+$/, "")}/events`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.search = new URLSearchParams({ app, api_key: `${ari.username}:${ari.password}`, subscribeAll: "true" }).toString();
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on("open", () => {
      this.attempts = 0;
      log.info({ app }, "ARI events socket open");
    });
    socket.on("message", (data) => this.receive(String(data)));
    socket.on("error", (error) => log.warn({ app, error: error.message }, "ARI events socket error"));
    socket.on("close", () => this.reconnect(socket));
  }

  private reconnect(socket: WebSocket): void {
    if (this.closed || socket !== this.socket) return;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempts++);
    this.timer = setTimeout(() => this.connect(), delay / 2 + Math.random() * (delay / 2));
  }

  private receive(text: string): void {
    let event: AriEvent;
    try {
      event = JSON.parse(text) as AriEvent;
    } catch {
      this.options.log.warn({ text: text.slice(0, 200) }, "ARI sent a message that is not JSON");
      return;
    }
    const outcome = this.options.tracker.handle(event);
    if (outcome.continueChannel) {
      const channel = outcome.continueChannel;
      continueInDialplan(this.options.ari, channel, AbortSignal.timeout(10_000)).catch((error: Error) =>
        this.options.log.warn({ channel, error: error.message }, "Could not send an incoming channel back to the dialplan"),
      );
    }
    if (outcome.calls.length === 0) return;
    const commands: EngineCommand[] = outcome.calls.map((call) => ({ type: "call.event", call }));
    this.queue = this.queue
      .then(() => this.options.emit(commands))
      .catch((error: Error) => this.options.log.error({ error: error.message, commands }, "Call events were not recorded"));
  }
}
