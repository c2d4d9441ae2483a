/**
 * Small read-only questions the runtime asks about a route or a snapshot.
 */
import type { Route } from "./route.ts";
import type { Snapshot, Token } from "./types.ts";
import { firstDue, resolveTimer } from "./timers/schedule.ts";

/** The start event of the main process triggered by message `name`, if any. */
export function findMessageStart(route: Route, name: string): string | undefined {
  return route.processes[route.main]?.start.find((id) => {
    const node = route.nodes[id];
    return node?.type === "startEvent" && node.trigger.kind === "message" && node.trigger.message === name;
  });
}

/**
 * Next due dates of the main process's timer start events after `now` (for route-level timers): a date as
 * is, a duration from `now`, a cycle's next occurrence after `now`. Call it again after each fire.
 */
export function nextStartTimers(route: Route, now: Date): { element: string; dueAt: string }[] {
  const out: { element: string; dueAt: string }[] = [];
  for (const id of route.processes[route.main]?.start ?? []) {
    const node = route.nodes[id];
    if (node?.type !== "startEvent" || node.trigger.kind !== "timer") continue;
    const due = firstDue(resolveTimer(node.trigger.timer, () => ({}), id), now);
    if (due && (node.trigger.timer.kind === "date" || due.at.getTime() > now.getTime())) out.push({ element: id, dueAt: due.at.toISOString() });
  }
  return out;
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
