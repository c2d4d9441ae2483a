/**
 * Follows calls through ARI events (api-docs.events.json) and says which call events they mean.
 *
 * Outgoing (a channel this connector originated, id `or-…`): started when the operator's phone rings
 * (ChannelStateChange Ring/Ringing), answered when that channel is Up, ended when it is destroyed.
 * Incoming (a channel entering the Stasis app from the dialplan): started at StasisStart (operator = the
 * first app argument, if any), started again for each operator the dialplan then rings (Dial to an
 * operator endpoint: the screen pop's operator), answered when one answers (Dial ANSWER), ended when the
 * channel is destroyed. RecordingFinished of a followed channel's recording gives a recording event.
 */
import { normalizePhone, type CallEvent } from "../../sdk/index.ts";

/** Prefix of the channel ids this connector originates (so they are recognised after a restart too). */
export const CHANNEL_PREFIX = "or-";

/** An ARI channel snapshot, as far as this connector reads it. */
export interface AriChannel {
  id: string;
  name?: string;
  state?: string;
  caller?: { name?: string; number?: string };
  connected?: { name?: string; number?: string };
  dialplan?: { context?: string; exten?: string };
  channelvars?: Record<string, string>;
}

/** An ARI event, as far as this connector reads it. */
export interface AriEvent {
  type: string;
  timestamp?: string;
  channel?: AriChannel;
  args?: string[];
  cause?: number;
  caller?: AriChannel;
  peer?: AriChannel;
  dialstatus?: string;
  recording?: { name?: string; target_uri?: string; state?: string };
}

/** What the customer and operator of an originated call are (told by the `call` action). */
export interface ExpectedCall {
  customerPhone: string;
  operator: string;
}

/** What to do after an event: the call events to emit, and an incoming channel to send back to the dialplan. */
export interface TrackerOutcome {
  calls: CallEvent[];
  continueChannel?: string;
}

/** Channel variables the `call` action sets on an originated channel (seen when ari.conf lists them in channelvars). */
export const CUSTOMER_VAR = "ORDER_ROUTES_CUSTOMER";
export const OPERATOR_VAR = "ORDER_ROUTES_OPERATOR";

interface Followed {
  callId: string;
  direction: CallEvent["direction"];
  customerPhone: string;
  operator?: string;
  started: boolean;
  answeredAt?: number;
  ended: boolean;
  cause?: number;
}

/** Most ended calls remembered (a recording may finish after its channel is gone). */
const REMEMBERED_ENDED = 500;

/** The calls one events socket follows. */
export class CallTracker {
  private readonly expected = new Map<string, ExpectedCall>();
  private readonly followed = new Map<string, Followed>();
  private readonly operatorPattern: RegExp;

  constructor(
    private readonly options: { operatorEndpoint: string; context?: string; recordingUrl(name: string): string },
  ) {
    const [before, after] = options.operatorEndpoint.split("{extension}").map(escape);
    this.operatorPattern = new RegExp(`^${before}(.+?)${after ?? ""}(?:-[0-9A-Fa-f]+)?$`);
  }

  /** Remembers who an originated channel calls (the `call` action tells it before Asterisk reports anything). */
  expect(channelId: string, call: ExpectedCall): void {
    this.expected.set(channelId, call);
    if (this.expected.size > REMEMBERED_ENDED) this.expected.delete(this.expected.keys().next().value!);
  }

  /** The call events an ARI event means. */
  handle(event: AriEvent): TrackerOutcome {
    const at = isoOf(event.timestamp);
    switch (event.type) {
      case "StasisStart":
        return this.stasisStart(event, at);
      case "ChannelStateChange":
        return { calls: this.stateChange(event.channel, at) };
      case "Dial":
        return { calls: this.dial(event, at) };
      case "ChannelHangupRequest": {
        const call = event.channel && this.followed.get(event.channel.id);
        if (call && event.cause !== undefined) call.cause = event.cause;
        return { calls: [] };
      }
      case "ChannelDestroyed":
        return { calls: this.destroyed(event, at) };
      case "RecordingFinished":
        return { calls: this.recording(event, at) };
      default:
        return { calls: [] };
    }
  }

  private stasisStart(event: AriEvent, at: string | undefined): TrackerOutcome {
    const channel = event.channel;
    if (!channel || event.type !== "StasisStart" || this.followed.has(channel.id)) return { calls: [] };
    if (channel.id.startsWith(CHANNEL_PREFIX)) return { calls: this.stateChange(channel, at) };
    const operator = event.args?.[0] || undefined;
    const call: Followed = { callId: channel.id, direction: "incoming", customerPhone: phone(channel.caller?.number), operator, started: true, ended: false };
    this.followed.set(channel.id, call);
    return { calls: [this.event(call, "started", at)], continueChannel: channel.id };
  }

  private stateChange(channel: AriChannel | undefined, at: string | undefined): CallEvent[] {
    const call = channel && this.outgoing(channel);
    if (!call || call.ended) return [];
    const calls: CallEvent[] = [];
    const state = channel.state ?? "";
    if (["Ring", "Ringing", "Up"].includes(state) && !call.started) {
      call.started = true;
      calls.push(this.event(call, "started", at));
    }
    if (state === "Up" && call.answeredAt === undefined) {
      call.answeredAt = Date.parse(at ?? "") || Date.now();
      calls.push(this.event(call, "answered", at));
    }
    return calls;
  }

  private dial(event: AriEvent, at: string | undefined): CallEvent[] {
    const call = event.caller && this.followed.get(event.caller.id);
    const operator = this.operatorOf(event.peer?.name);
    if (!call || call.direction !== "incoming" || call.ended || !operator) return [];
    if (event.dialstatus === "") {
      return [this.event({ ...call, operator }, "started", at)];
    }
    if (event.dialstatus === "ANSWER" && call.answeredAt === undefined) {
      call.operator = operator;
      call.answeredAt = Date.parse(at ?? "") || Date.now();
      return [this.event(call, "answered", at)];
    }
    return [];
  }

  private destroyed(event: AriEvent, at: string | undefined): CallEvent[] {
    const call = event.channel && (this.followed.get(event.channel.id) ?? this.outgoing(event.channel));
    if (!call || call.ended) return [];
    call.ended = true;
    const endedAt = Date.parse(at ?? "") || Date.now();
    const answered = call.answeredAt !== undefined;
    const durationSec = answered ? Math.max(0, Math.round((endedAt - call.answeredAt!) / 1000)) : 0;
    const disposition = answered ? "answered" : dispositionOf(event.cause ?? call.cause, call.direction);
    this.forgetOldest();
    return [{ ...this.event(call, "ended", at), durationSec, disposition }];
  }

  private recording(event: AriEvent, at: string | undefined): CallEvent[] {
    const target = event.recording?.target_uri ?? "";
    const call = target.startsWith("channel:") ? this.followed.get(target.slice("channel:".length)) : undefined;
    if (!call || !event.recording?.name) return [];
    return [{ ...this.event(call, "recording", at), recordingUrl: this.options.recordingUrl(event.recording.name) }];
  }

  /** The followed call of a channel this connector originated (started following at its first event). */
  private outgoing(channel: AriChannel): Followed | undefined {
    const known = this.followed.get(channel.id);
    if (known || !channel.id.startsWith(CHANNEL_PREFIX)) return known;
    const expected = this.expected.get(channel.id);
    const vars = channel.channelvars ?? {};
    const customer = expected?.customerPhone ?? vars[CUSTOMER_VAR] ?? this.dialled(channel) ?? channel.connected?.number;
    const operator = expected?.operator ?? vars[OPERATOR_VAR] ?? this.operatorOf(channel.name);
    const call: Followed = { callId: channel.id, direction: "outgoing", customerPhone: phone(customer), operator, started: false, ended: false };
    this.followed.set(channel.id, call);
    return call;
  }

  /** The customer's number an originated channel dials: its dialplan extension, once it is in the configured context. */
  private dialled(channel: AriChannel): string | undefined {
    const { context, exten } = channel.dialplan ?? {};
    return exten && (!this.options.context || context === this.options.context) && /\d{5,}/.test(exten) ? exten : undefined;
  }

  private operatorOf(name: string | undefined): string | undefined {
    return name ? this.operatorPattern.exec(name)?.[1] : undefined;
  }

  private event(call: Followed, event: CallEvent["event"], at: string | undefined): CallEvent {
    return {
      callId: call.callId,
      event,
      direction: call.direction,
      customerPhone: call.customerPhone,
      ...(call.operator ? { operator: call.operator } : {}),
      ...(at ? { at } : {}),
    };
  }

  private forgetOldest(): void {
    if (this.followed.size <= REMEMBERED_ENDED) return;
    const oldestEnded = [...this.followed].find(([, call]) => call.ended)?.[0];
    this.followed.delete(oldestEnded ?? this.followed.keys().next().value!);
  }
}

/** A hangup cause (Q.850, as ARI reports it) of a call nobody answered, in the call-event vocabulary. */
export function dispositionOf(cause: number | undefined, direction: CallEvent["direction"]): string {
  if (cause === 17 || cause === 21) return "busy";
  if (cause === 18 || cause === 19) return "no-answer";
  if (cause === 16 || cause === 0 || cause === undefined) return direction === "incoming" ? "cancelled" : "no-answer";
  return "failed";
}

function phone(raw: string | undefined): string {
  return raw ? (normalizePhone(raw) ?? raw) : "";
}

function isoOf(timestamp: string | undefined): string | undefined {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
