import type { Route, RouteNode } from "../core/route.ts";
import type { RouteIssue } from "./types.ts";

/**
 * Where a scope (process or sub-process) starts: its start events, in document order; a scope without any
 * starts implicitly (BPMN 2.0 §10.5.2) at every flow node that no sequence flow enters, except boundary
 * events (they belong to their activity) and link catch events (a link throw leads to them).
 */
export function startsOf(scope: string, nodes: Record<string, RouteNode>): string[] {
  const inScope = Object.values(nodes).filter((node) => node.scope === scope);
  const events = inScope.filter((node) => node.type === "startEvent");
  return (events.length > 0 ? events : inScope.filter(startsImplicitly)).map((node) => node.id);
}

/** Fill in the start lists of the route's processes and sub-processes; a scope with elements but nowhere to start is an error. */
export function assignStarts(route: Route, issues: RouteIssue[]): void {
  for (const process of Object.values(route.processes)) {
    process.start = startsOf(process.id, route.nodes);
    if (process.start.length === 0) issues.push(nowhereToStart(process.id, process.name, hasContent(process.id, route.nodes) || process.id === route.main));
  }
  for (const node of Object.values(route.nodes)) {
    if (node.type !== "subProcess") continue;
    node.start = startsOf(node.id, route.nodes);
    if (node.start.length === 0 && hasContent(node.id, route.nodes)) issues.push(nowhereToStart(node.id, node.name, true));
  }
}

function startsImplicitly(node: RouteNode): boolean {
  if (node.incoming.length > 0 || node.type === "boundaryEvent") return false;
  return !(node.type === "intermediateCatchEvent" && node.trigger.kind === "link");
}

function hasContent(scope: string, nodes: Record<string, RouteNode>): boolean {
  return Object.values(nodes).some((node) => node.scope === scope);
}

function nowhereToStart(id: string, name: string | undefined, blocking: boolean): RouteIssue {
  const issue: RouteIssue = {
    rule: "structure",
    severity: blocking ? "error" : "warning",
    message: "Nothing here can start: there is no start event and a sequence flow enters every element. Add a start event where the work begins.",
    element: id,
  };
  if (name) issue.name = name;
  return issue;
}
