/**
 * The engine core's contract: snapshot (a deal's execution state), events (commands from outside) and
 * effects (what the runtime must carry out). Everything is plain JSON.
 *
 * Lifecycle of a deal: `deal.start` → tokens move until every one waits (user task, receive task, message
 * or timer catch, event-based gateway) → each later event (`task.complete`, `message`, `timer.fire`,
 * `deal.cancel`) moves them again → the deal ends `completed` (won/lost by its end event) or `terminated`.
 * A deal left with join arrivals only (a parallel join still missing an inbound flow) stays `running`: it
 * is stuck at that join, as `joins` shows, until it is cancelled.
 */
import type { StageKind } from "./route.ts";

/** A token waiting somewhere (or a scope instance of a sub-process / call activity / multi-instance body). */
export interface Token {
  /** Unique within the deal; task keys and timer keys are derived from it. */
  id: string;
  /** Node id where the token is. */
  el: string;
  /** Id of the scope-instance token this token lives in; absent for the deal's top scope. */
  parent?: string;
  /** Multi-instance: index and item this instance works on. */
  mi?: { index: number; item: unknown };
  /** Local variables of a scope instance (multi-instance item variable, call activity). */
  vars?: Record<string, unknown>;
  /** Multi-instance body: `n` instances in all, `i` of them completed. */
  loop?: { n: number; i: number };
  /** Cycle timers of this token with a repetition count: repetitions left after the scheduled one, by timer id. */
  rep?: Record<string, number>;
}

/** The failure that sent a deal down its cancellation path, kept for the funnel. */
export interface FailureRecord {
  reason: string;
  role?: string;
  user?: string;
  stage?: string;
  task?: string;
  at: string;
}

/** A deal's execution state, stored as JSON with the deal. */
export interface Snapshot {
  status: "running" | "completed" | "terminated";
  outcome?: "won" | "lost";
  /** Current stage id. */
  stage?: string;
  tokens: Token[];
  /** Parallel/inclusive join arrivals, keyed `gatewayId@scopeTokenId|main`, value = flow ids arrived (with repeats). */
  joins?: Record<string, string[]>;
  /** Counter for token ids. */
  seq: number;
  /** Process variables written by completed tasks (task outputs) and messages. */
  vars?: Record<string, unknown>;
  failure?: FailureRecord;
}

/** Who did something. */
export interface Actor {
  user?: string;
  role?: string;
}

/** An event (command) given to the core. */
export type EngineEvent =
  | { type: "deal.start"; data: Record<string, unknown>; startEvent?: string; actor?: Actor }
  | {
      type: "task.complete";
      /** Token id of the task (the task's key). */
      token: string;
      /** `success`, `failure`, or the id of a custom outcome flow. */
      outcome: string;
      reason?: string;
      output?: Record<string, unknown>;
      actor?: Actor;
    }
  | { type: "message"; name: string; payload?: Record<string, unknown>; actor?: Actor }
  | { type: "timer.fire"; token: string; timer: string }
  | { type: "deal.cancel"; reason: string; actor?: Actor };

/** Something the runtime must carry out after the transition, in the same transaction. */
export type Effect =
  | {
      type: "task.create";
      /** Task key = token id. */
      token: string;
      element: string;
      role?: string;
      stage?: string;
      /** Local variables visible to the task (multi-instance item, process vars); the runtime adds the deal data. */
      context: Record<string, unknown>;
      /** Outcome buttons available. */
      outcomes: { flow: string; kind: "success" | "failure" | "custom"; label: string; color?: string }[];
      /** Multi-instance: which instance this task is. */
      mi?: { index: number; item: unknown };
    }
  | { type: "task.cancel"; token: string; why: "interrupted" | "terminated" | "cancelled" }
  | { type: "timer.schedule"; token: string; timer: string; element: string; dueAt: string }
  | { type: "timer.cancel"; token: string; timer: string }
  | {
      type: "message.send";
      token: string;
      element: string;
      connector: string;
      action: string;
      template?: string;
      input: Record<string, unknown>;
    }
  | { type: "stage.change"; from?: string; to: string; kind: StageKind; at: string; failure?: FailureRecord }
  | { type: "deal.end"; status: "completed" | "terminated"; outcome?: "won" | "lost"; failure?: FailureRecord };

/** Result of a transition. */
export interface TransitionResult {
  snapshot: Snapshot;
  effects: Effect[];
}
