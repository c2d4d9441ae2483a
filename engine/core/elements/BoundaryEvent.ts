/**
 * Boundary events on a waiting activity (user/receive task, sub-process, call activity, catch event):
 * timers are scheduled when it starts waiting; a message or timer triggers them; an error thrown inside a
 * sub-process or call activity is caught by the nearest matching error boundary. Interrupting ones cancel
 * the activity and leave along their flows; non-interrupting ones send a new token and the activity keeps waiting.
 */
import type { BoundaryEventNode } from "../route.ts";
import type { Token } from "../types.ts";
import type { Run } from "../run.ts";
import { replaceToken, take, wait } from "../run.ts";
import { boundariesOf } from "../graph.ts";
import { cancelToken } from "../cancel.ts";
import { rescheduleTimer, scheduleTimer } from "./scheduleTimer.ts";

/** Stores the token as waiting at its activity and schedules the timers of the activity's boundary events. */
export function armBoundaries(run: Run, token: Token): void {
  let armed = token;
  for (const b of boundariesOf(run.route, token.el)) {
    if (b.trigger.kind === "timer") armed = scheduleTimer(run, armed, b.id, b.trigger.timer);
  }
  wait(run, armed);
}

/** Triggers a boundary event of a waiting token's activity (for a timer, `fired` = the timer just fired). */
export function triggerBoundary(run: Run, token: Token, boundary: BoundaryEventNode, fired = false): void {
  if (boundary.interrupting || boundary.trigger.kind === "error") {
    cancelToken(run, token, "interrupted", fired ? boundary.id : undefined);
  } else if (fired && boundary.trigger.kind === "timer") {
    replaceToken(run, token, rescheduleTimer(run, token, boundary.id, boundary.trigger.timer));
  }
  take(run, token, boundary.outgoing);
}

/** The boundary event catching an error with this code on a scope token's activity (a boundary without a code catches all). */
export function errorBoundary(run: Run, scope: Token, code: string | undefined): BoundaryEventNode | undefined {
  return boundariesOf(run.route, scope.el).find(
    (b) => b.trigger.kind === "error" && (b.trigger.code === undefined || b.trigger.code === code),
  );
}

/** The message boundary event named `message` on a waiting token's activity (not on a multi-instance item). */
export function messageBoundary(run: Run, token: Token, message: string): BoundaryEventNode | undefined {
  if (token.mi) return undefined;
  return boundariesOf(run.route, token.el).find((b) => b.trigger.kind === "message" && b.trigger.message === message);
}
