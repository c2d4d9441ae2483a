/**
 * Small read-only questions the runtime asks about a route or a snapshot.
 */
import type { Route } from "./route.ts";
import type { Snapshot, Token } from "./types.ts";
import type { TimerSpec } from "./route.ts";
import { firstDue, nextDue, resolveTimer, type Due } from "./timers/schedule.ts";

/** The start event of the main process triggered by message `name`, if any. */
export function findMessageStart(route: Route, name: string): string | undefined {
  return route.processes[route.main]?.start.find((id) => {
    const node = route.nodes[id];
    return node?.type === "startEvent" && node.trigger.kind === "message" && node.trigger.message === name;
  });
}

/** A due date of a timer start event; `left` = repetitions left after it for a counted cycle (keep it for `nextStartTimer`). */
export interface StartTimerDue {
  element: string;
  dueAt: string;
  left?: number;
}

/**
 * First due dates of the main process's timer start events, computed when a route version is published:
 * a date (only if still ahead), a duration from `now`, a cycle's first occurrence.
 */
export function nextStartTimers(route: Route, now: Date): StartTimerDue[] {
  const out: StartTimerDue[] = [];
  for (const [id, spec] of startTimers(route)) {
    const due = firstDue(resolveTimer(spec, () => ({}), id), now);
    if (due && due.at.getTime() > now.getTime()) out.push(dueOf(id, due));
  }
  return out;
}

/** The next due date of a cycle timer start event that fired at `now` (`left` as returned last time); undefined when it is over. */
export function nextStartTimer(route: Route, element: string, now: Date, left?: number): StartTimerDue | undefined {
  const spec = startTimers(route).get(element);
  if (!spec) return undefined;
  const due = nextDue(resolveTimer(spec, () => ({}), element), now, left);
  return due && dueOf(element, due);
}

/** Tokens waiting at a user or manual task (not multi-instance bodies): one per open task, keyed by token id. */
export function waitingTasks(route: Route, snapshot: Snapshot): Token[] {
  return snapshot.tokens.filter((t) => {
    const type = route.nodes[t.el]?.type;
    return (type === "userTask" || type === "manualTask") && !t.loop;
  });
}

/** Names of the messages a snapshot currently waits for (receive tasks, catch events, gateway targets, boundaries). */
export function awaitedMessages(route: Route, snapshot: Snapshot): string[] {
  const names = new Set<string>();
  for (const t of snapshot.tokens) {
    const node = route.nodes[t.el];
    if (node?.type === "receiveTask") names.add(node.message);
    if (node?.type === "intermediateCatchEvent" && node.trigger.kind === "message") names.add(node.trigger.message);
    if (node?.type === "eventBasedGateway") {
      for (const f of node.outgoing) {
        const target = route.nodes[route.flows[f]?.target ?? ""];
        if (target?.type === "intermediateCatchEvent" && target.trigger.kind === "message") names.add(target.trigger.message);
        if (target?.type === "receiveTask") names.add(target.message);
      }
    }
    if (t.mi) continue;
    for (const b of Object.values(route.nodes)) {
      if (b.type === "boundaryEvent" && b.attachedTo === t.el && b.trigger.kind === "message") names.add(b.trigger.message);
    }
  }
  return [...names];
}

function startTimers(route: Route): Map<string, TimerSpec> {
  const timers = new Map<string, TimerSpec>();
  for (const id of route.processes[route.main]?.start ?? []) {
    const node = route.nodes[id];
    if (node?.type === "startEvent" && node.trigger.kind === "timer") timers.set(id, node.trigger.timer);
  }
  return timers;
}

function dueOf(element: string, due: Due): StartTimerDue {
  return { element, dueAt: due.at.toISOString(), ...(due.left === undefined ? {} : { left: due.left }) };
}
