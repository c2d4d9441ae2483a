import type { ModdleElement } from "bpmn-moddle";
import { allSequenceFlows, extension, label } from "../bpmn.ts";
import { isLostEnd, pathSuccessors, type RouteScope } from "./graph.ts";
import { routeRule } from "./rule.ts";

/** Every failure outcome leads to an end event marked lost (through the cancellation chain). */
export const failureEndsLost = routeRule((scope, reporter) => {
  for (const flow of scope.processes.flatMap((process) => allSequenceFlows(process))) {
    if (extension(flow, "or:Outcome")?.kind !== "failure" || !flow.targetRef) continue;
    if (reachesLostEnd(flow.targetRef, scope)) continue;
    const source = flow.sourceRef ? ` of ${label(flow.sourceRef)}` : "";
    reporter.report(flow.id, `The failure outcome${source} never reaches an end event marked lost (or:end outcome="lost"): lead it to the cancellation chain.`);
  }
});

function reachesLostEnd(start: ModdleElement, scope: RouteScope): boolean {
  const seen = new Set<ModdleElement>([start]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    if (isLostEnd(node)) return true;
    for (const next of pathSuccessors(node, scope)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
}
