import type { ModdleElement } from "bpmn-moddle";
import type { RouteIssue } from "./types.ts";

/** Whether a moddle element is of a BPMN/extension type or a subtype of it (`bpmn:Activity`). */
export function is(element: ModdleElement | undefined, type: string): boolean {
  if (!element) return false;
  if (element.$type === type) return true;
  return typeof element.$instanceOf === "function" ? Boolean(element.$instanceOf(type)) : false;
}

/** Whether the element is of any of the given types. */
export function isAny(element: ModdleElement | undefined, types: string[]): boolean {
  return types.some((type) => is(element, type));
}

/** The first extension element of the given type (`or:Task`), if any. */
export function extension(element: ModdleElement | undefined, type: string): ModdleElement | undefined {
  const values: ModdleElement[] = element?.extensionElements?.values ?? [];
  return values.find((value) => value.$type === type);
}

/** The flow elements directly inside a process or sub-process. */
export function flowElements(container: ModdleElement): ModdleElement[] {
  return (container.flowElements ?? []) as ModdleElement[];
}

/** Every process or sub-process flow node of a container, recursively. */
export function allFlowNodes(container: ModdleElement): ModdleElement[] {
  const nodes: ModdleElement[] = [];
  for (const element of flowElements(container)) {
    if (!is(element, "bpmn:FlowNode")) continue;
    nodes.push(element);
    if (is(element, "bpmn:SubProcess")) nodes.push(...allFlowNodes(element));
  }
  return nodes;
}

/** Every sequence flow of a container, recursively. */
export function allSequenceFlows(container: ModdleElement): ModdleElement[] {
  const flows: ModdleElement[] = [];
  for (const element of flowElements(container)) {
    if (is(element, "bpmn:SequenceFlow")) flows.push(element);
    if (is(element, "bpmn:SubProcess")) flows.push(...allSequenceFlows(element));
  }
  return flows;
}

/** The processes of a definitions element. */
export function processesOf(definitions: ModdleElement): ModdleElement[] {
  return ((definitions.rootElements ?? []) as ModdleElement[]).filter((root) => is(root, "bpmn:Process"));
}

/** The process that (perhaps through sub-processes) contains an element. */
export function processOf(element: ModdleElement): ModdleElement | undefined {
  let current: ModdleElement | undefined = element.$parent;
  while (current && !is(current, "bpmn:Process")) current = current.$parent;
  return current;
}

/** Build a RouteIssue tied to a BPMN element. */
export function issueAt(
  element: ModdleElement | undefined,
  rule: string,
  message: string,
  severity: RouteIssue["severity"] = "error",
): RouteIssue {
  const issue: RouteIssue = { rule, severity, message };
  if (element?.id) issue.element = element.id;
  if (element?.name) issue.name = element.name;
  return issue;
}

/** A human label for an element in messages: `"Verify order" (Task_verify)`. */
export function label(element: ModdleElement): string {
  return element.name ? `"${element.name}" (${element.id})` : `${element.id ?? element.$type}`;
}
