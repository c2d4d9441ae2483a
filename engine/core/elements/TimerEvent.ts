/**
 * `timer.fire`: the timer `timer` of waiting token `token` is due. It is the token's own timer catch event,
 * a timer target of the event-based gateway it waits at, or a timer boundary event of its activity.
 */
import type { EngineEvent } from "../types.ts";
import type { Run } from "../run.ts";
import { leave, removeToken, tokenOf } from "../run.ts";
import { EngineError } from "../errors.ts";
import { boundariesOf, nodeOf } from "../graph.ts";
import { cancelBoundaryTimers } from "../cancel.ts";
import { triggerBoundary } from "./BoundaryEvent.ts";
import { isTimerTarget, win } from "./EventBasedGateway.ts";

/** Handles `timer.fire`; throws `not_waiting` when the token no longer waits for that timer. */
export function fireTimer(run: Run, event: Extract<EngineEvent, { type: "timer.fire" }>): void {
  const token = tokenOf(run, event.token);
  const node = nodeOf(run.route, token.el);
  if (node.id === event.timer && node.type === "intermediateCatchEvent" && node.trigger.kind === "timer") {
    removeToken(run, token);
    cancelBoundaryTimers(run, token);
    return leave(run, token);
  }
  if (isTimerTarget(run, token, event.timer)) return win(run, token, nodeOf(run.route, event.timer), event.timer);
  const boundary = token.mi ? undefined : boundariesOf(run.route, token.el).find((b) => b.id === event.timer && b.trigger.kind === "timer");
  if (!boundary) throw new EngineError("not_waiting", `Token "${token.id}" does not wait for timer "${event.timer}".`, event.timer);
  triggerBoundary(run, token, boundary, true);
}
