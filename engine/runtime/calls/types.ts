/**
 * The telephony vocabulary of the runtime: click-to-call requests, the call log of a deal, what an incoming
 * call's screen pop carries, and what `recordCallEvent` needs from its caller.
 */
import type { CallEvent } from "../../../connectors/sdk/index.ts";
import type { DealRow } from "../../store/index.ts";
import type { Caller } from "../contract.ts";
import type { LiveEvent } from "../notifications/types.ts";

/** The connector instance a click-to-call goes through when none is named. */
export const DEFAULT_PHONE_INSTANCE = "phone";

/** A click-to-call queued in the outbox. */
export interface CallRequestView {
  dealId: string;
  /** Connector instance that places the call. */
  instance: string;
  /** The caller's extension, rung first. */
  operator: string;
  /** The customer's phone, rung once the operator answers. */
  to: string;
  /** The outbox message that carries it. */
  messageId: number;
  idempotencyKey: string;
  requestedAt: string;
}

/** One entry of a deal's call log (an audit entry `call.<event>`). */
export interface CallLogEntry {
  /** The audit entry's id. */
  id: number;
  at: string;
  event: "requested" | CallEvent["event"];
  callId: string | null;
  direction: CallEvent["direction"] | null;
  operator: string | null;
  /** Who asked for the call (requested) or the operator's login when known. */
  actor: string | null;
  phone: string | null;
  durationSec: number | null;
  disposition: string | null;
  recordingUrl: string | null;
}

/** Click-to-call from a deal and the deal's call log. */
export interface TelephonyService {
  /**
   * Queues a call from the caller's extension to the deal's customer through a connector instance (default
   * `phone`): an outbox row and an audit entry `call.requested` in one transaction. Problem 404 for a deal
   * the caller cannot see; 422 when the caller has no extension, the deal no customer phone, or the instance
   * is not configured.
   */
  call(dealId: string, input: unknown, caller: Caller): Promise<CallRequestView>;
  /** The deal's calls, oldest first; Problem 404 when unknown or not visible. */
  log(dealId: string, caller: Caller): Promise<CallLogEntry[]>;
}

/** A deal the customer has open, as a screen pop lists it. */
export interface ScreenPopDeal {
  id: string;
  externalId: string;
  stage: string | null;
  store: string | null;
}

/** What an operator's stream receives when a customer calls (`event: screen-pop`). */
export interface ScreenPop {
  callId: string;
  /** The caller's number (E.164 when it could be read). */
  phone: string;
  /** The customer's name from their latest deal; null for an unknown caller. */
  customerName: string | null;
  /** The extension the PBX rings, when it said. */
  operator: string | null;
  /** The customer's running deals, newest first. */
  deals: ScreenPopDeal[];
  at: string;
}

/** Where live events go (the notification hub of the engine process). */
export interface LivePublisher {
  publishLive(userId: string, event: LiveEvent): void;
}

/** What `recordCallEvent` needs from the command executor. */
export interface CallEventDeps {
  hub: LivePublisher;
  /** Delivers a message to a running deal whose route waits for it (its own command transaction). */
  deliver(deal: DealRow, messageName: string, payload: Record<string, unknown>): Promise<void>;
}
