import type { ModdleElement } from "bpmn-moddle";
import { allFlowNodes, extension, flowElements, is } from "../bpmn.ts";
import { calledElementOf, pickMainProcess, reachableProcesses } from "../main-process.ts";

/** The main process and the processes it calls: the part of a file that a route runs. */
export interface RouteScope {
  main: ModdleElement;
  processes: ModdleElement[];
}

/** The route scope of a definitions element, or undefined when no main process can be picked. */
export function routeScope(definitions: ModdleElement): RouteScope | undefined {
  const main = pickMainProcess(definitions);
  return main ? { main, processes: reachableProcesses(definitions, main) } : undefined;
}

/** Every flow node of the route scope (recursively into sub-processes). */
export function routeFlowNodes(scope: RouteScope): ModdleElement[] {
  return scope.processes.flatMap((process) => allFlowNodes(process));
}

/** The nodes a token moves to from a node along sequence flows (and from a link throw to its catch). */
export function targetsOf(node: ModdleElement): ModdleElement[] {
  const targets = ((node.outgoing ?? []) as ModdleElement[]).map((flow) => flow.targetRef).filter(Boolean) as ModdleElement[];
  const link = linkName(node);
  if (link !== undefined && is(node, "bpmn:IntermediateThrowEvent")) {
    if (node.$parent) targets.push(...flowElements(node.$parent).filter((other) => is(other, "bpmn:IntermediateCatchEvent") && linkName(other) === link));
  }
  return targets;
}

/** The link name of a link event, or undefined when it is not one. */
export function linkName(node: ModdleElement): string | undefined {
  const definition = ((node.eventDefinitions ?? []) as ModdleElement[]).find((def) => is(def, "bpmn:LinkEventDefinition"));
  return definition ? String(definition.name ?? node.name ?? "") : undefined;
}

/** Whether an end event is marked lost with `or:end outcome="lost"`. */
export function isLostEnd(node: ModdleElement): boolean {
  return is(node, "bpmn:EndEvent") && extension(node, "or:End")?.outcome === "lost";
}

/**
 * Where a path goes next when it walks through sub-processes and call activities: into a sub-process or
 * called process by its start events, and out of an inner end event to what follows its container.
 */
export function pathSuccessors(node: ModdleElement, scope: RouteScope): ModdleElement[] {
  if (is(node, "bpmn:SubProcess")) {
    const starts = flowElements(node).filter((element) => is(element, "bpmn:StartEvent"));
    return starts.length ? starts : targetsOf(node);
  }
  if (is(node, "bpmn:CallActivity")) {
    const called = scope.processes.find((process) => process.id === calledElementOf(node));
    const starts = called ? flowElements(called).filter((element) => is(element, "bpmn:StartEvent")) : [];
    return starts.length ? starts : targetsOf(node);
  }
  if (is(node, "bpmn:EndEvent")) return afterEnd(node, scope);
  return targetsOf(node);
}

function afterEnd(end: ModdleElement, scope: RouteScope): ModdleElement[] {
  const container = end.$parent;
  if (!container) return [];
  if (is(container, "bpmn:SubProcess")) return targetsOf(container);
  if (!is(container, "bpmn:Process") || container === scope.main) return [];
  return scope.processes
    .flatMap((process) => allFlowNodes(process))
    .filter((node) => is(node, "bpmn:CallActivity") && calledElementOf(node) === container.id)
    .flatMap((call) => targetsOf(call));
}
