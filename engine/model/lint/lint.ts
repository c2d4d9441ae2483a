import { type LintReport, Linter } from "bpmnlint";
import type { ModdleElement } from "bpmn-moddle";
import { allFlowNodes, allSequenceFlows, processesOf } from "../bpmn.ts";
import type { RouteIssue } from "../types.ts";
import { routeScope } from "./graph.ts";
import { type LintProfile, lintConfig, lintResolver, transformRule } from "./plugin.ts";

const MAX_DI_REPORTS = 3;

const PLAIN_MESSAGES: Record<string, string> = {
  "bpmnlint/start-event-required": "The process has no start event: add one where deals begin.",
  "bpmnlint/end-event-required": "The process has no end event: add one where deals end, marked won or lost.",
  "bpmnlint/no-disconnected": "This element is not connected: connect it with sequence flows or delete it.",
  "bpmnlint/no-duplicate-sequence-flows": "Two sequence flows connect the same elements: delete one of them.",
  "bpmnlint/sub-process-blank-start-event": "A sub-process must begin with a plain start event (no trigger).",
  "bpmnlint/conditional-flows": "This flow leaves an element whose other flows have conditions, but has none: give it a FEEL condition or make it the default flow.",
  "bpmnlint/no-implicit-split": "Several flows without conditions leave this element, so all are taken at once: use a parallel gateway to say so.",
  "bpmnlint/fake-join": "Several flows enter this element, which does not wait for them: merge or join them with a gateway first.",
  "bpmnlint/no-gateway-join-fork": "This gateway both joins and forks: split it into a joining and a forking gateway.",
  "bpmnlint/superfluous-gateway": "This gateway has one flow in and one out and does nothing: remove it.",
  "bpmnlint/no-implicit-start": "No flow leads into this element, so it never runs: connect it or delete it.",
  "bpmnlint/no-bpmndi": "This element has no shape in the diagram, so the designer cannot show it: draw it.",
};

/** Lint parsed BPMN definitions with bpmnlint (built-in rules we chose plus `order-routes/*`). */
export async function lintDefinitions(definitions: ModdleElement, profile: LintProfile = "route"): Promise<RouteIssue[]> {
  const names = elementNames(definitions);
  const outside = elementsOutsideRoute(definitions);
  const linter = new Linter({ config: lintConfig(profile), resolver: lintResolver, transformRule });
  const results = await linter.lint(definitions);
  const issues: RouteIssue[] = [];
  for (const [name, reports] of Object.entries(results)) {
    const rule = name.includes("/") ? name : `bpmnlint/${name}`;
    const inside = reports.filter((report) => !(report.id && outside.has(report.id)));
    if (rule === "bpmnlint/no-bpmndi" && inside.length > MAX_DI_REPORTS) {
      issues.push({ rule, severity: "warning", message: `${inside.length} elements have no shape in the diagram, so the designer cannot show them: draw them.` });
      continue;
    }
    for (const report of inside) issues.push(toIssue(rule, report, names));
  }
  return issues;
}

function toIssue(rule: string, report: LintReport, names: Map<string, string>): RouteIssue {
  const crashed = report.category === "rule-error";
  const issue: RouteIssue = {
    rule,
    severity: report.category === "error" ? "error" : "warning",
    message: crashed ? `The lint rule ${rule} failed: ${report.message}.` : PLAIN_MESSAGES[rule] ?? report.message,
  };
  if (report.id) issue.element = report.id;
  const name = report.id ? names.get(report.id) : undefined;
  if (name) issue.name = name;
  return issue;
}

function elementNames(definitions: ModdleElement): Map<string, string> {
  const names = new Map<string, string>();
  for (const process of processesOf(definitions)) {
    for (const element of [process, ...allFlowNodes(process), ...allSequenceFlows(process)]) {
      if (element.id && element.name) names.set(element.id, String(element.name));
    }
  }
  return names;
}

/** Ids of the processes (and their contents) that the route does not run, e.g. a customer's pool. */
function elementsOutsideRoute(definitions: ModdleElement): Set<string> {
  const scope = routeScope(definitions);
  const outside = new Set<string>();
  if (!scope) return outside;
  for (const process of processesOf(definitions)) {
    if (scope.processes.includes(process)) continue;
    for (const element of [process, ...allFlowNodes(process), ...allSequenceFlows(process)]) if (element.id) outside.add(element.id);
  }
  return outside;
}
