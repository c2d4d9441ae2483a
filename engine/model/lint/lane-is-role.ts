import { isAny, label } from "../bpmn.ts";
import { indexLanes } from "../lanes.ts";
import { routeRule } from "./rule.ts";
import { allFlowNodes } from "../bpmn.ts";

/** Every user or manual task lies in a lane, the lane being the role that does it. */
export const laneIsRole = routeRule((scope, reporter) => {
  for (const process of scope.processes) {
    const { roleOf } = indexLanes(process);
    for (const node of allFlowNodes(process)) {
      if (!isAny(node, ["bpmn:UserTask", "bpmn:ManualTask"]) || roleOf.has(String(node.id))) continue;
      reporter.report(node.id, `Task ${label(node)} is in no lane: put it in the lane of the role that does it (operator, store admin, courier…).`);
    }
  }
});
