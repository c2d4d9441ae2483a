/**
 * The working state of one transition: a private copy of the snapshot, the effects emitted so far and the
 * queue of tokens on the move. Element behaviors change it through the helpers here; nothing else is mutated.
 */
import type { Route, RouteNode } from "./route.ts";
import type { Effect, Snapshot, Token } from "./types.ts";
import { EngineError } from "./errors.ts";
import { feelContext, type FeelContext } from "./feel.ts";
import { flowOf, nodeOf } from "./graph.ts";

/** A token entering an element, through a flow when `via` is set. */
export interface Move {
  token: Token;
  via?: string;
}

/** The mutable working state of one transition. */
export interface Run {
  readonly route: Route;
  readonly data: Record<string, unknown>;
  readonly now: Date;
  /** `now` as an ISO string. */
  readonly at: string;
  readonly snap: Snapshot;
  readonly effects: Effect[];
  readonly queue: Move[];
  steps: number;
}

/** Starts a run over a copy of the snapshot (the caller's snapshot is never changed). */
export function startRun(route: Route, snapshot: Snapshot, data: Record<string, unknown>, now: Date): Run {
  const snap: Snapshot = { ...snapshot, tokens: [...snapshot.tokens] };
  if (snapshot.joins) snap.joins = Object.fromEntries(Object.entries(snapshot.joins).map(([k, v]) => [k, [...v]]));
  return { route, data, now, at: now.toISOString(), snap, effects: [], queue: [], steps: 0 };
}

/** A fresh token at an element, in the scope instance `parent`. */
export function newToken(run: Run, el: string, parent: string | undefined): Token {
  run.snap.seq += 1;
  const token: Token = { id: `t${run.snap.seq}`, el };
  if (parent !== undefined) token.parent = parent;
  return token;
}

/** Sends new tokens along the given flows, in the scope instance of `from`. */
export function take(run: Run, from: { parent?: string }, flows: readonly string[]): void {
  for (const id of flows) {
    const flow = flowOf(run.route, id);
    run.queue.push({ token: newToken(run, flow.target, from.parent), via: id });
  }
}

/** Leaves an element along all its outgoing flows. */
export function leave(run: Run, token: Token): void {
  take(run, token, nodeOf(run.route, token.el).outgoing);
}

/** Stores a token as waiting. */
export function wait(run: Run, token: Token): void {
  run.snap.tokens.push(token);
}

/** Records an effect for the runtime. */
export function emit(run: Run, effect: Effect): void {
  run.effects.push(effect);
}

/** The waiting token with this id; throws EngineError `not_waiting` when there is none. */
export function tokenOf(run: Run, id: string): Token {
  const token = run.snap.tokens.find((t) => t.id === id);
  if (!token) throw new EngineError("not_waiting", `Nothing waits under token "${id}": it is done or never existed.`);
  return token;
}

/** Removes a waiting token. */
export function removeToken(run: Run, token: Token): void {
  const i = run.snap.tokens.indexOf(token);
  if (i >= 0) run.snap.tokens.splice(i, 1);
}

/** Replaces a waiting token by an updated copy (tokens themselves are never mutated). */
export function replaceToken(run: Run, token: Token, updated: Token): void {
  const i = run.snap.tokens.indexOf(token);
  if (i >= 0) run.snap.tokens[i] = updated;
}

/** Waiting tokens living directly in the scope instance `scope`. */
export function childrenOf(run: Run, scope: string): Token[] {
  return run.snap.tokens.filter((t) => t.parent === scope);
}

/** Key of a token's scope instance (`main` for the deal's top scope), as used for joins. */
export function scopeKey(token: { parent?: string }): string {
  return token.parent ?? "main";
}

/** Local variables of a token: its multi-instance item and the variables of its enclosing scope instances. */
export function localVars(run: Run, token: Token): Record<string, unknown> | undefined {
  let local: Record<string, unknown> | undefined;
  for (let t: Token | undefined = token; t; t = t.parent ? run.snap.tokens.find((p) => p.id === t?.parent) : undefined) {
    if (t.mi) local = { [itemVariable(nodeOf(run.route, t.el)) ?? "item"]: t.mi.item, ...local };
    if (t.vars) local = { ...t.vars, ...local };
  }
  return local;
}

/** The FEEL context a token evaluates expressions in. */
export function contextOf(run: Run, token: Token): FeelContext {
  return feelContext(run.data, run.snap.vars, localVars(run, token));
}

function itemVariable(node: RouteNode): string | undefined {
  return node.type === "userTask" || node.type === "manualTask" ? node.multiInstance?.elementVariable : undefined;
}
