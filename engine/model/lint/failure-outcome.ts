import { allFlowNodes, extension, isAny, label } from "../bpmn.ts";
import { routeRule } from "./rule.ts";
import type { ModdleElement } from "bpmn-moddle";

/** A task whose failure is allowed has a failure outcome flow, and one that can only succeed has none. */
export const failureOutcome = routeRule((scope, reporter) => {
  for (const node of scope.processes.flatMap((process) => allFlowNodes(process))) {
    if (!isAny(node, ["bpmn:UserTask", "bpmn:ManualTask"])) continue;
    const allowed = extension(node, "or:Task")?.failureAllowed !== false;
    const failures = ((node.outgoing ?? []) as ModdleElement[]).filter((flow) => extension(flow, "or:Outcome")?.kind === "failure");
    if (allowed && failures.length === 0) {
      reporter.report(node.id, `Task ${label(node)} may fail but no flow leaves it with outcome kind "failure": add one to the cancellation chain, or set failureAllowed="false".`);
    }
    if (!allowed && failures.length > 0) {
      reporter.report(node.id, `Task ${label(node)} can only succeed (failureAllowed="false") yet has a failure outcome flow: remove the flow or allow failure.`);
    }
  }
});
