/**
 * Test kit: checks of the connector's definition — what the registry checks (id, version, schemas that
 * compile, run/verify/parse functions), that the kit spec covers every action and inbound handler, and that
 * each element template binds an action the connector has.
 */
import { checkConnector } from "../registry.ts";
import type { Connector } from "../types.ts";
import type { ConnectorKitSpec, KitFailure } from "./kit-spec.ts";

/** Failures of the connector's definition and of the spec's coverage of it. */
export function definitionFailures(connector: Connector<any>, spec: ConnectorKitSpec<unknown>): KitFailure[] {
  const failures: string[] = [];
  try {
    checkConnector(connector);
  } catch (error) {
    return [{ check: "definition", message: (error as Error).message }];
  }
  if (!/^\d+\.\d+\.\d+/.test(connector.version)) failures.push(`version "${connector.version}" is not a semantic version (1.0.0).`);
  if (!connector.title) failures.push("title is required (the admin pages show it).");
  failures.push(...coverage("action", Object.keys(connector.actions), Object.keys(spec.actions ?? {}), "actions"));
  failures.push(...coverage("inbound handler", Object.keys(connector.inbound ?? {}), Object.keys(spec.inbound ?? {}), "inbound"));
  for (const name of Object.keys(spec.retries ?? {})) {
    if (!connector.actions[name]) failures.push(`retries.${name} names no action of the connector.`);
  }
  failures.push(...templateProblems(connector));
  return failures.map((message) => ({ check: "definition", message }));
}

function coverage(what: string, declared: string[], covered: string[], field: string): string[] {
  const missing = declared.filter((name) => !covered.includes(name)).map((name) => `${what} "${name}" is not exercised: add ${field}["${name}"] to the kit spec.`);
  const unknown = covered.filter((name) => !declared.includes(name)).map((name) => `${field}["${name}"] names no ${what} of the connector (it has: ${declared.join(", ") || "none"}).`);
  return [...missing, ...unknown];
}

type Template = { id?: unknown; name?: unknown; appliesTo?: unknown; properties?: { value?: unknown; binding?: { type?: unknown; name?: unknown } }[] };

function templateProblems(connector: Connector<any>): string[] {
  const problems: string[] = [];
  for (const [index, template] of ((connector.elementTemplates ?? []) as Template[]).entries()) {
    const where = `elementTemplates[${index}]`;
    if (typeof template.id !== "string" || typeof template.name !== "string") problems.push(`${where} needs an id and a name.`);
    const appliesTo = Array.isArray(template.appliesTo) ? template.appliesTo : [];
    if (!appliesTo.some((type) => type === "bpmn:ServiceTask" || type === "bpmn:SendTask")) problems.push(`${where} must apply to bpmn:ServiceTask or bpmn:SendTask.`);
    const bindings = (template.properties ?? []).filter((p) => p.binding?.type === "or:connector");
    const action = bindings.find((p) => p.binding?.name === "action")?.value;
    if (typeof action !== "string") problems.push(`${where} has no or:connector binding of "action" with a value.`);
    else if (!connector.actions[action]) problems.push(`${where} binds action "${action}", which the connector does not have.`);
    if (!bindings.some((p) => p.binding?.name === "connector")) problems.push(`${where} has no or:connector binding of "connector" (the instance name).`);
  }
  return problems;
}
