import type { ModdleElement } from "bpmn-moddle";
import { allFlowNodes, extension, label } from "../bpmn.ts";
import { routeRule } from "./rule.ts";

/** Stages named by tasks and end events are declared in the main process's `or:stages`. */
export const stageExists = routeRule((scope, reporter) => {
  const declared = new Set(((extension(scope.main, "or:Stages")?.stages ?? []) as ModdleElement[]).map((stage) => stage.id));
  for (const node of scope.processes.flatMap((process) => allFlowNodes(process))) {
    const stage = extension(node, "or:Task")?.stage ?? extension(node, "or:End")?.stage;
    if (!stage || declared.has(stage)) continue;
    const known = declared.size ? ` (declared: ${[...declared].join(", ")})` : " (the route declares no stages)";
    reporter.report(node.id, `${label(node)} refers to stage "${stage}", which the route does not declare${known}: add it to or:stages or pick another.`);
  }
});
