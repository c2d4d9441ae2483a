import type { LintReporter, LintRuleFactory } from "bpmnlint";
import type { ModdleElement } from "bpmn-moddle";
import { is } from "../bpmn.ts";
import { type RouteScope, routeScope } from "./graph.ts";

/** Make a bpmnlint rule that inspects the whole route scope once, from the definitions element. */
export function routeRule(check: (scope: RouteScope, reporter: LintReporter, definitions: ModdleElement) => void): LintRuleFactory {
  return () => ({
    check(node: ModdleElement, reporter: LintReporter) {
      if (!is(node, "bpmn:Definitions")) return;
      const scope = routeScope(node);
      if (scope) check(scope, reporter, node);
    },
  });
}
