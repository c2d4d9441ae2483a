import { unsupportedReason } from "../support.ts";
import { routeFlowNodes } from "./graph.ts";
import { routeRule } from "./rule.ts";

/** No element that the engine cannot run (the compiler refuses the same ones with rule `unsupported`). */
export const noUnsupported = routeRule((scope, reporter) => {
  for (const node of routeFlowNodes(scope)) {
    const reason = unsupportedReason(node);
    if (reason) reporter.report(node.id, reason);
  }
});
