/**
 * Cancelling tokens: a cancelled token takes its task, its timers and (for a scope instance or a
 * multi-instance body) every token inside it along, emitting `task.cancel` / `timer.cancel` effects.
 */
import type { Token } from "./types.ts";
import type { Run } from "./run.ts";
import { emit, removeToken, scopeKey } from "./run.ts";
import { boundariesOf, nodeOf } from "./graph.ts";

/** Why a task was cancelled. */
export type CancelWhy = "interrupted" | "terminated" | "cancelled";

/** Cancels a waiting token and everything inside it; `keepTimer` names a timer that already fired. */
export function cancelToken(run: Run, token: Token, why: CancelWhy, keepTimer?: string): void {
  removeToken(run, token);
  const node = nodeOf(run.route, token.el);
  if ((node.type === "userTask" || node.type === "manualTask") && !token.loop) {
    emit(run, { type: "task.cancel", token: token.id, why });
  }
  for (const timer of ownTimers(run, token)) {
    if (timer !== keepTimer) emit(run, { type: "timer.cancel", token: token.id, timer });
  }
  cancelScope(run, token.id, why);
}

/** Cancels every token inside the scope instance `scope` (waiting or on the move) and drops its join arrivals. */
export function cancelScope(run: Run, scope: string, why: CancelWhy): void {
  for (const child of run.snap.tokens.filter((t) => t.parent === scope)) cancelToken(run, child, why);
  for (let i = run.queue.length - 1; i >= 0; i--) {
    if (run.queue[i].token.parent === scope) run.queue.splice(i, 1);
  }
  dropJoins(run, scope);
}

/** Cancels the timers of the boundary events of a token's activity. */
export function cancelBoundaryTimers(run: Run, token: Token, keepTimer?: string): void {
  if (token.mi) return;
  for (const b of boundariesOf(run.route, token.el)) {
    if (b.trigger.kind === "timer" && b.id !== keepTimer) emit(run, { type: "timer.cancel", token: token.id, timer: b.id });
  }
}

/** Cancels every token of the deal. */
export function cancelAll(run: Run, why: CancelWhy): void {
  for (const token of run.snap.tokens.filter((t) => scopeKey(t) === "main")) cancelToken(run, token, why);
  while (run.snap.tokens.length > 0) cancelToken(run, run.snap.tokens[0], why);
  run.queue.length = 0;
  delete run.snap.joins;
}

/** Timer ids a waiting token has scheduled: its own catch timer, event-gateway targets, boundary timers. */
export function ownTimers(run: Run, token: Token): string[] {
  const route = run.route;
  const node = nodeOf(route, token.el);
  const timers: string[] = [];
  if (node.type === "intermediateCatchEvent" && node.trigger.kind === "timer") timers.push(node.id);
  if (node.type === "eventBasedGateway") {
    for (const f of node.outgoing) {
      const target = route.nodes[route.flows[f]?.target ?? ""];
      if (target?.type === "intermediateCatchEvent" && target.trigger.kind === "timer") timers.push(target.id);
    }
  }
  if (!token.mi) {
    for (const b of boundariesOf(route, token.el)) if (b.trigger.kind === "timer") timers.push(b.id);
  }
  return timers;
}

/** Drops the join arrivals recorded in the scope instance `scope`. */
export function dropJoins(run: Run, scope: string): void {
  const joins = run.snap.joins;
  if (!joins) return;
  const suffix = `@${scope}`;
  for (const key of Object.keys(joins)) if (key.endsWith(suffix)) delete joins[key];
}
