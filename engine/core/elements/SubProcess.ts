/**
 * Embedded sub-process (and the scope part of call activities): a scope token waits at the activity, its
 * start events (or, with none, its nodes without incoming flow) spawn child tokens (parent = the scope
 * token); when no child is left the scope completes and the token leaves along the activity's outgoing flows.
 */
import type { SubProcessNode } from "../route.ts";
import type { Token } from "../types.ts";
import type { Enter } from "./Behavior.ts";
import type { Run } from "../run.ts";
import { leave, newToken, removeToken } from "../run.ts";
import { nodeOf } from "../graph.ts";
import { cancelBoundaryTimers, dropJoins } from "../cancel.ts";
import { armBoundaries } from "./BoundaryEvent.ts";
import { hasJoinArrivals } from "./joins.ts";

/** Opens the sub-process scope and starts its start nodes. */
export const enterSubProcess: Enter<SubProcessNode> = (run, token, node) => openScope(run, token, node.start);

/** Waits at a scope activity with its boundaries armed and spawns a child token at each start node. */
export function openScope(run: Run, token: Token, starts: readonly string[]): void {
  armBoundaries(run, token);
  for (const start of starts) run.queue.push({ token: newToken(run, start, token.id) });
}

/**
 * Completes every scope (sub-process or call activity) with no child token and no join arrival left; true
 * when one completed. A scope whose only state is arrivals at a join missing a flow is stuck, not complete.
 */
export function completeEmptyScopes(run: Run): boolean {
  let completed = false;
  for (const token of [...run.snap.tokens]) {
    const type = nodeOf(run.route, token.el).type;
    if (type !== "subProcess" && type !== "callActivity") continue;
    if (run.snap.tokens.some((t) => t.parent === token.id) || hasJoinArrivals(run.snap, token.id)) continue;
    removeToken(run, token);
    cancelBoundaryTimers(run, token);
    dropJoins(run, token.id);
    leave(run, token);
    completed = true;
  }
  return completed;
}
