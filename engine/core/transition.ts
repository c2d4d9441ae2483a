/**
 * The engine's one entry point: `transition(route, snapshot, event, now, data)` → `{ snapshot, effects }`.
 *
 * Pure: it copies what it changes and never touches its inputs, reads no clock and does no I/O. The event
 * is dispatched to its handler, which sets tokens moving; the token loop then runs every moving token
 * through its element until all wait, fires inclusive joins nobody can reach any more, completes empty
 * scopes, and ends the deal when no token and no join arrival is left. An invalid event throws EngineError
 * (nothing changes).
 */
import type { Route } from "./route.ts";
import type { EngineEvent, Snapshot, TransitionResult } from "./types.ts";
import type { Run } from "./run.ts";
import { newToken, startRun } from "./run.ts";
import { EngineError } from "./errors.ts";
import { nodeOf } from "./graph.ts";
import { cancelAll } from "./cancel.ts";
import { endDeal, recordFailure } from "./stage.ts";
import { completeEmptyScopes, completeTask, deliverMessage, enter, fireReadyJoins, fireTimer, hasJoinArrivals } from "./elements/index.ts";

/** Most element entries one transition may make before it is refused as an endless loop. */
export const MAX_STEPS = 10_000;

type Handlers = { [K in Exclude<EngineEvent["type"], "deal.start">]: (run: Run, event: Extract<EngineEvent, { type: K }>) => void };

const handlers: Handlers = {
  "task.complete": completeTask,
  message: deliverMessage,
  "timer.fire": fireTimer,
  "deal.cancel": cancelDeal,
};

/** The empty snapshot a deal starts from. */
export function initialSnapshot(): Snapshot {
  return { status: "running", tokens: [], seq: 0 };
}

/** Applies an event to a deal's snapshot; `data` is the deal's order data (`deal.start` brings its own). */
export function transition(
  route: Route,
  snapshot: Snapshot | undefined,
  event: EngineEvent,
  now: Date,
  data: Record<string, unknown> = {},
): TransitionResult {
  let run: Run;
  if (event.type === "deal.start") {
    if (snapshot !== undefined) throw new EngineError("already_started", "The deal has already started.");
    run = startRun(route, initialSnapshot(), event.data, now);
    for (const start of startNodesOf(route, event.startEvent)) run.queue.push({ token: newToken(run, start, undefined) });
  } else {
    if (!snapshot || snapshot.status !== "running") throw new EngineError("not_running", "The deal is not running.");
    run = startRun(route, snapshot, data, now);
    (handlers[event.type] as (run: Run, event: EngineEvent) => void)(run, event);
  }
  settle(run);
  return { snapshot: run.snap, effects: run.effects };
}

/**
 * Runs moving tokens until every token waits, then ends the deal if nothing is left: no token and no join
 * arrival (a deal whose only state is arrivals at a join still missing a flow is stuck there, not completed).
 */
function settle(run: Run): void {
  for (;;) {
    for (let move = run.queue.shift(); move; move = run.queue.shift()) {
      if (++run.steps > MAX_STEPS) {
        throw new EngineError("loop", `The route loops: more than ${MAX_STEPS} steps in one transition.`, move.token.el);
      }
      enter(run, move);
    }
    if (run.snap.status !== "running") return;
    if (!fireReadyJoins(run) && !completeEmptyScopes(run)) break;
  }
  if (run.snap.tokens.length === 0 && !hasJoinArrivals(run.snap)) endDeal(run, "completed");
}

function cancelDeal(run: Run, event: Extract<EngineEvent, { type: "deal.cancel" }>): void {
  if (!event.reason?.trim()) throw new EngineError("reason_required", "Cancelling a deal needs a reason.");
  recordFailure(run, { reason: event.reason, role: event.actor?.role, user: event.actor?.user });
  cancelAll(run, "cancelled");
  endDeal(run, "terminated");
}

/**
 * Where a deal starts: the requested start event, else the none start event, else the first one; a process
 * without start events (implicit start) starts at every node of its `start` list at once.
 */
function startNodesOf(route: Route, requested: string | undefined): string[] {
  const starts = route.processes[route.main]?.start ?? [];
  const events = starts.filter((id) => nodeOf(route, id).type === "startEvent");
  if (requested !== undefined) {
    if (!events.includes(requested)) throw new EngineError("invalid_route", `"${requested}" is not a start event of the route.`, requested);
    return [requested];
  }
  if (events.length === 0) {
    if (starts.length === 0) throw new EngineError("invalid_route", "The route has no start event.");
    return starts;
  }
  const none = events.find((id) => {
    const node = nodeOf(route, id);
    return node.type === "startEvent" && node.trigger.kind === "none";
  });
  return [none ?? events[0]];
}
