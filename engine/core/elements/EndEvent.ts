/**
 * End events. None: the token ends (in the main process, an `outcome` marks the deal won or lost and moves
 * it to the end event's stage). Terminate: ends every token of its scope instance; in the main process it
 * ends the deal. Error: caught by the nearest matching error boundary of an enclosing sub-process or call
 * activity; uncaught, the deal ends terminated and lost with reason `error:<code>`.
 */
import type { EndEventNode } from "../route.ts";
import type { Token } from "../types.ts";
import type { Enter } from "./Behavior.ts";
import type { Run } from "../run.ts";
import { take } from "../run.ts";
import { cancelAll, cancelScope, cancelToken } from "../cancel.ts";
import { endDeal, reachOutcome, recordFailure } from "../stage.ts";
import { errorBoundary } from "./BoundaryEvent.ts";

/** Ends the token as its result says. */
export const enterEndEvent: Enter<EndEventNode> = (run, token, node) => {
  const main = token.parent === undefined;
  if (main && node.outcome === "lost" && node.reason && !run.snap.failure) recordFailure(run, { reason: node.reason });
  if (main && node.outcome) reachOutcome(run, node.outcome, node.stage);
  if (node.result.kind === "error") return throwError(run, token, node.result.code);
  if (node.result.kind !== "terminate") return;
  if (!main) return cancelScope(run, token.parent as string, "terminated");
  cancelAll(run, "terminated");
  endDeal(run, "completed");
};

/** Throws an error from a token: the nearest enclosing scope with a matching error boundary catches it. */
export function throwError(run: Run, token: Token, code: string | undefined): void {
  for (let id = token.parent; id !== undefined; ) {
    const scope = run.snap.tokens.find((t) => t.id === id);
    if (!scope) break;
    const boundary = errorBoundary(run, scope, code);
    if (boundary) {
      cancelToken(run, scope, "interrupted");
      return take(run, scope, boundary.outgoing);
    }
    id = scope.parent;
  }
  recordFailure(run, { reason: code ? `error:${code}` : "error" });
  cancelAll(run, "terminated");
  endDeal(run, "terminated");
}
