/**
 * Call activity: runs another process of the route as a child scope (like an embedded sub-process), from
 * its start events without a trigger, or (implicit start) from every node of its start list.
 */
import type { CallActivityNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { EngineError } from "../errors.ts";
import { nodeOf } from "../graph.ts";
import { openScope } from "./SubProcess.ts";

/** Opens a scope over the called process. */
export const enterCallActivity: Enter<CallActivityNode> = (run, token, node) => {
  const process = run.route.processes[node.calledElement];
  if (!process) throw new EngineError("invalid_route", `Call activity "${node.id}" calls unknown process "${node.calledElement}".`, node.id);
  const starts = process.start.filter((id) => {
    const start = nodeOf(run.route, id);
    return start.type !== "startEvent" || start.trigger.kind === "none";
  });
  openScope(run, token, starts);
};
