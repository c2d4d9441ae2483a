/**
 * A test driver for one deal over the pure core: keeps the snapshot, deep-freezes every input it hands to
 * `transition` (so a mutation throws), and finds task tokens by element id.
 */
import type { Route } from "../route.ts";
import type { Effect, EngineEvent, Snapshot, Token } from "../types.ts";
import { transition } from "../transition.ts";

/** The fixed clock of the tests. */
export const NOW = new Date("2026-03-02T09:00:00.000Z");

/** Drives one deal through the core. */
export class DealDriver {
  snapshot: Snapshot | undefined;
  /** Effects of the last transition. */
  effects: Effect[] = [];
  now: Date;
  private readonly route: Route;
  private readonly data: Record<string, unknown>;

  constructor(route: Route, data: Record<string, unknown> = {}, now: Date = NOW) {
    this.route = deepFreeze(structuredClone(route));
    this.data = deepFreeze(structuredClone(data));
    this.now = now;
  }

  /** Starts the deal. */
  start(startEvent?: string): Effect[] {
    return this.send({ type: "deal.start", data: this.data, ...(startEvent ? { startEvent } : {}) });
  }

  /** Applies an event and keeps the new snapshot. */
  send(event: EngineEvent): Effect[] {
    const result = transition(this.route, this.snapshot, deepFreeze(structuredClone(event)), this.now, this.data);
    this.snapshot = deepFreeze(result.snapshot);
    this.effects = result.effects;
    return result.effects;
  }

  /** Completes the (single) open task at an element. */
  complete(element: string, outcome = "success", extra: { reason?: string; output?: Record<string, unknown>; user?: string } = {}): Effect[] {
    return this.send({
      type: "task.complete", token: this.task(element).id, outcome,
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.output ? { output: extra.output } : {}),
      ...(extra.user ? { actor: { user: extra.user } } : {}),
    });
  }

  /** The token of the open task at an element; throws when there is not exactly one. */
  task(element: string): Token {
    const tokens = this.tasks(element);
    if (tokens.length !== 1) throw new Error(`expected one task at ${element}, found ${tokens.length}`);
    return tokens[0];
  }

  /** Tokens of the open tasks at an element (multi-instance items included, bodies excluded). */
  tasks(element: string): Token[] {
    return (this.snapshot?.tokens ?? []).filter((t) => t.el === element && !t.loop && this.route.nodes[t.el].type.endsWith("Task"));
  }

  /** Elements where tokens wait, sorted. */
  waiting(): string[] {
    return (this.snapshot?.tokens ?? []).map((t) => t.el).sort();
  }

  /** Effects of the last transition of one type. */
  of<T extends Effect["type"]>(type: T): Extract<Effect, { type: T }>[] {
    return this.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }
}

/** Freezes an object graph (in place) and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
