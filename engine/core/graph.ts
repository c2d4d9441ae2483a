/**
 * Lookups over a route's graph, computed once per route object and cached: boundary events by activity,
 * link catch events by scope and name, and reachability (used by inclusive joins).
 */
import type { BoundaryEventNode, Route, RouteFlow, RouteNode } from "./route.ts";
import { EngineError } from "./errors.ts";

interface Index {
  boundaries: Map<string, BoundaryEventNode[]>;
  links: Map<string, string>;
  reach: Map<string, boolean>;
}

const NONE: BoundaryEventNode[] = [];
const cache = new WeakMap<Route, Index>();

/** The node with this id; throws EngineError `invalid_route` when the route lacks it. */
export function nodeOf(route: Route, id: string): RouteNode {
  const node = route.nodes[id];
  if (!node) throw new EngineError("invalid_route", `The route has no element "${id}".`, id);
  return node;
}

/** The sequence flow with this id; throws EngineError `invalid_route` when the route lacks it. */
export function flowOf(route: Route, id: string): RouteFlow {
  const flow = route.flows[id];
  if (!flow) throw new EngineError("invalid_route", `The route has no sequence flow "${id}".`, id);
  return flow;
}

/** Boundary events attached to an activity, in document order. */
export function boundariesOf(route: Route, activity: string): BoundaryEventNode[] {
  return indexOf(route).boundaries.get(activity) ?? NONE;
}

/** The link catch event named `link` in a scope. */
export function linkCatch(route: Route, scope: string, link: string): string | undefined {
  return indexOf(route).links.get(`${scope}\u0000${link}`);
}

/** Whether a token at `from` can still reach `target` along flows and boundary events, without passing through `target`. */
export function canReach(route: Route, from: string, target: string): boolean {
  const reach = indexOf(route).reach;
  const key = `${from}\u0000${target}`;
  let known = reach.get(key);
  if (known === undefined) {
    known = search(route, from, target);
    reach.set(key, known);
  }
  return known;
}

/** Elements a token at `id` may go to next: flow targets, attached boundary events and link jumps. */
export function successors(route: Route, id: string): string[] {
  const node = route.nodes[id];
  if (!node) return [];
  const next = node.outgoing.map((f) => route.flows[f]?.target).filter((t): t is string => t !== undefined);
  for (const b of boundariesOf(route, id)) next.push(b.id);
  if (node.type === "intermediateThrowEvent" && node.trigger.kind === "link") {
    const target = linkCatch(route, node.scope, node.trigger.link);
    if (target) next.push(target);
  }
  return next;
}

function search(route: Route, from: string, target: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    for (const next of successors(route, stack.pop() as string)) {
      if (next === target) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

function indexOf(route: Route): Index {
  let index = cache.get(route);
  if (!index) {
    index = build(route);
    cache.set(route, index);
  }
  return index;
}

function build(route: Route): Index {
  const boundaries = new Map<string, BoundaryEventNode[]>();
  const links = new Map<string, string>();
  for (const node of Object.values(route.nodes)) {
    if (node.type === "boundaryEvent") {
      const list = boundaries.get(node.attachedTo) ?? [];
      list.push(node);
      boundaries.set(node.attachedTo, list);
    } else if (node.type === "intermediateCatchEvent" && node.trigger.kind === "link") {
      links.set(`${node.scope}\u0000${node.trigger.link}`, node.id);
    }
  }
  return { boundaries, links, reach: new Map() };
}
