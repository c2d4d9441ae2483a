import { extension, flowElements, is, label } from "../bpmn.ts";
import { routeRule } from "./rule.ts";

/** Every end event of the main process says whether the deal is won or lost (`or:end outcome`). */
export const endOutcome = routeRule((scope, reporter) => {
  for (const node of flowElements(scope.main)) {
    if (!is(node, "bpmn:EndEvent")) continue;
    const outcome = extension(node, "or:End")?.outcome;
    if (outcome === "won" || outcome === "lost") continue;
    reporter.report(node.id, `End event ${label(node)} does not say how the deal ends: mark it won or lost (or:end outcome="won" | "lost").`);
  }
});
