/**
 * Drives one deal through the pure core in memory, as a scenario of `expectations.ts` says, with a
 * simulated clock: tasks are completed, messages delivered and timers fired by their element id.
 */
import type { Route } from "../core/route.ts";
import type { Effect, EngineEvent, Snapshot } from "../core/types.ts";
import { transition } from "../core/index.ts";
import type { Check, Scenario, Step } from "./expectations.ts";

/** Result of one scenario: `ok`, or the first step that did not go as expected. */
export interface ScenarioResult {
  ok: boolean;
  detail?: string;
}

/** Runs a scenario on a compiled route; never throws (a core error is a failed scenario). */
export function runScenario(route: Route, scenario: Scenario): ScenarioResult {
  const deal = new Deal(observeEnds(route), scenario.data ?? {});
  let index = -1;
  try {
    deal.apply({ type: "deal.start", data: deal.data });
    for (const [i, step] of scenario.steps.entries()) {
      index = i;
      const problem = deal.step(step);
      if (problem) return { ok: false, detail: `${scenario.name}: step ${i + 1} (${describe(step)}): ${problem}` };
    }
    return { ok: true };
  } catch (error) {
    const where = index < 0 ? "start" : `step ${index + 1} (${describe(scenario.steps[index]!)})`;
    return { ok: false, detail: `${scenario.name}: ${where} threw ${errorText(error)}` };
  }
}

interface PendingTimer {
  token: string;
  timer: string;
  element: string;
  dueAt: string;
}

/** One deal in memory: its snapshot plus the open tasks and timers its effects created. */
class Deal {
  snapshot: Snapshot | undefined;
  clock = new Date("2024-01-01T00:00:00.000Z");
  readonly tasks = new Map<string, string>();
  readonly timers = new Map<string, PendingTimer>();
  readonly created = new Map<string, number>();
  readonly ends: string[] = [];

  constructor(
    readonly route: Route,
    readonly data: Record<string, unknown>,
  ) {}

  /** Applies an event to the core and records the effects. */
  apply(event: EngineEvent): void {
    const result = transition(this.route, this.snapshot, event, this.clock, this.data);
    this.snapshot = result.snapshot;
    for (const effect of result.effects) this.record(effect);
  }

  /** Carries out one step; returns a problem sentence, or undefined when it went as expected. */
  step(step: Step): string | undefined {
    switch (step.do) {
      case "complete": {
        const token = [...this.tasks].find(([, el]) => el === step.element)?.[0];
        if (!token) return `no open task at ${step.element} (open: ${this.openTasks()})`;
        this.tasks.delete(token);
        this.apply({ type: "task.complete", token, outcome: step.outcome ?? "success", output: step.output });
        return undefined;
      }
      case "message":
        this.apply({ type: "message", name: step.name, payload: step.payload });
        return undefined;
      case "fire": {
        // `timer` is the timer event's id (a boundary or catch event); `element` is where the token waits.
        const pending = [...this.timers.values()];
        const timer = pending.find((t) => t.timer === step.element) ?? pending.find((t) => t.element === step.element);
        if (!timer) return `no timer scheduled at ${step.element} (scheduled: ${pending.map((t) => t.timer).join(", ") || "none"})`;
        this.timers.delete(`${timer.token}|${timer.timer}`);
        const due = new Date(timer.dueAt);
        if (due > this.clock) this.clock = due;
        this.apply({ type: "timer.fire", token: timer.token, timer: timer.timer });
        return undefined;
      }
      case "check":
        return this.check(step.expect);
    }
  }

  private check(expect: Check): string | undefined {
    const snapshot = this.snapshot;
    if (!snapshot) return "no snapshot";
    const problems: string[] = [];
    if (expect.status && snapshot.status !== expect.status) problems.push(`status ${snapshot.status}, expected ${expect.status}`);
    if (expect.waits) {
      const waits = waitingElements(snapshot);
      const want = [...expect.waits].sort();
      if (waits.join(",") !== want.join(",")) problems.push(`waits at [${waits.join(", ")}], expected [${want.join(", ")}]`);
    }
    if (expect.joins) {
      const stuck = joinsWithArrivals(snapshot);
      const want = [...expect.joins].sort();
      if (stuck.join(",") !== want.join(",")) problems.push(`join arrivals at [${stuck.join(", ")}], expected [${want.join(", ")}]`);
    }
    for (const [el, count] of Object.entries(expect.tasks ?? {})) {
      const got = this.created.get(el) ?? 0;
      if (got !== count) problems.push(`${got} task(s) created at ${el}, expected ${count}`);
    }
    for (const el of expect.noTask ?? []) if (this.created.has(el)) problems.push(`a task was created at ${el}`);
    if (expect.ends && this.ends.join(",") !== expect.ends.join(",")) {
      problems.push(`end events reached [${this.ends.join(", ")}], expected [${expect.ends.join(", ")}]`);
    }
    return problems.length ? problems.join("; ") : undefined;
  }

  private record(effect: Effect): void {
    switch (effect.type) {
      case "task.create":
        this.tasks.set(effect.token, effect.element);
        this.created.set(effect.element, (this.created.get(effect.element) ?? 0) + 1);
        break;
      case "task.cancel":
        this.tasks.delete(effect.token);
        break;
      case "timer.schedule":
        this.timers.set(`${effect.token}|${effect.timer}`, { token: effect.token, timer: effect.timer, element: effect.element, dueAt: effect.dueAt });
        break;
      case "timer.cancel":
        this.timers.delete(`${effect.token}|${effect.timer}`);
        break;
      case "stage.change":
        if (effect.to.startsWith(END_STAGE)) this.ends.push(effect.to.slice(END_STAGE.length));
        break;
      default:
        break;
    }
  }

  private openTasks(): string {
    return [...this.tasks.values()].join(", ") || "none";
  }
}

const END_STAGE = "conformance-end:";

/**
 * A copy of the route in which every main-process end event without a stage moves the deal to a stage of its
 * own (`conformance-end:<id>`), so that the stage changes tell which end events were reached. Corpus files
 * carry no `or:end`, so this changes nothing else about how they run.
 */
export function observeEnds(route: Route): Route {
  const nodes = { ...route.nodes };
  const stages = [...route.stages];
  for (const node of Object.values(route.nodes)) {
    if (node.type !== "endEvent" || node.scope !== route.main || node.stage) continue;
    const stage = `${END_STAGE}${node.id}`;
    stages.push({ id: stage, name: stage, color: "#000000", kind: node.outcome ?? "won" });
    nodes[node.id] = { ...node, outcome: node.outcome ?? "won", stage };
  }
  return { ...route, nodes, stages };
}

/** Elements holding a waiting token: tokens that are no other token's scope, sorted. */
export function waitingElements(snapshot: Snapshot): string[] {
  const parents = new Set(snapshot.tokens.map((t) => t.parent).filter((p): p is string => p !== undefined));
  return [...new Set(snapshot.tokens.filter((t) => !parents.has(t.id)).map((t) => t.el))].sort();
}

/** Gateways holding join arrivals that still wait for other inbound flows, sorted. */
export function joinsWithArrivals(snapshot: Snapshot): string[] {
  const keys = Object.entries(snapshot.joins ?? {}).filter(([, arrivals]) => arrivals.length > 0).map(([key]) => key.slice(0, key.lastIndexOf("@")));
  return [...new Set(keys)].sort();
}

function describe(step: Step): string {
  switch (step.do) {
    case "complete":
      return `complete ${step.element}`;
    case "message":
      return `message ${step.name}`;
    case "fire":
      return `fire ${step.element}`;
    case "check":
      return "check";
  }
}

/** A one-line text of an error (its code when it has one). */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === "string" ? `(${code})` : ""}: ${error.message.split("\n")[0]}`;
  }
  return String(error);
}
