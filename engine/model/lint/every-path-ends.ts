import type { ModdleElement } from "bpmn-moddle";
import { is, label } from "../bpmn.ts";
import { linkName, routeFlowNodes, targetsOf } from "./graph.ts";
import { routeRule } from "./rule.ts";

/** Every flow node but end events has an outgoing flow and can reach an end event: no dead ends, no endless loops. */
export const everyPathEnds = routeRule((scope, reporter) => {
  const nodes = routeFlowNodes(scope);
  const ending = nodesReachingAnEnd(nodes);
  for (const node of nodes) {
    if (is(node, "bpmn:EndEvent") || ending.has(node)) continue;
    if (is(node, "bpmn:IntermediateThrowEvent") && linkName(node) !== undefined) continue;
    if (!targetsOf(node).length) {
      reporter.report(node.id, `The path stops at ${label(node)}: it has no outgoing flow. Connect it onwards, or end the path with an end event.`);
    } else {
      reporter.report(node.id, `From ${label(node)} no path reaches an end event (it loops forever): add a way out to an end event.`);
    }
  }
});

function nodesReachingAnEnd(nodes: ModdleElement[]): Set<ModdleElement> {
  const predecessors = new Map<ModdleElement, ModdleElement[]>();
  for (const node of nodes) {
    for (const target of targetsOf(node)) predecessors.set(target, [...(predecessors.get(target) ?? []), node]);
  }
  const reached = new Set<ModdleElement>(nodes.filter((node) => is(node, "bpmn:EndEvent")));
  const queue = [...reached];
  while (queue.length) {
    for (const previous of predecessors.get(queue.pop()!) ?? []) {
      if (reached.has(previous)) continue;
      reached.add(previous);
      queue.push(previous);
    }
  }
  return reached;
}
