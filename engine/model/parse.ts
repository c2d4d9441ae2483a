import type { ModdleElement } from "bpmn-moddle";
import { allFlowNodes, allSequenceFlows, processesOf } from "./bpmn.ts";
import { createModdle } from "./moddle.ts";
import type { RouteIssue } from "./types.ts";

/** Parsed BPMN definitions, or the issues that stopped the parse. */
export type ParseOutcome =
  | { ok: true; definitions: ModdleElement; elementsById: Record<string, ModdleElement>; issues: RouteIssue[] }
  | { ok: false; issues: RouteIssue[] };

const MAX_WARNINGS = 20;

/** Parse BPMN 2.0 XML with bpmn-moddle and our `or:` descriptor; never throws. */
export async function parseBpmn(xml: string): Promise<ParseOutcome> {
  if (typeof xml !== "string" || xml.trim() === "") {
    return { ok: false, issues: [xmlIssue("The file is empty: expected BPMN 2.0 XML.")] };
  }
  try {
    const result = await createModdle().fromXML(xml, "bpmn:Definitions");
    const definitions = result.rootElement;
    if (!definitions || definitions.$type !== "bpmn:Definitions") {
      return { ok: false, issues: [xmlIssue("The file is not a BPMN 2.0 document: its root must be <bpmn:definitions>.")] };
    }
    linkSequenceFlows(definitions);
    const issues = result.warnings.slice(0, MAX_WARNINGS).map(warningIssue);
    return { ok: true, definitions, elementsById: result.elementsById ?? {}, issues };
  } catch (error) {
    return { ok: false, issues: [xmlIssue(describeParseError(error))] };
  }
}

/**
 * Set `incoming`/`outgoing` of every flow node from the sequence flows' source and target, so that rules
 * and the compiler do not depend on the optional `<bpmn:incoming>`/`<bpmn:outgoing>` children.
 */
export function linkSequenceFlows(definitions: ModdleElement): void {
  for (const process of processesOf(definitions)) {
    const nodes = allFlowNodes(process);
    for (const node of nodes) {
      node.incoming = [];
      node.outgoing = [];
    }
    for (const flow of allSequenceFlows(process)) {
      flow.sourceRef?.outgoing?.push(flow);
      flow.targetRef?.incoming?.push(flow);
    }
  }
}

function xmlIssue(message: string): RouteIssue {
  return { rule: "xml", severity: "error", message };
}

function warningIssue(warning: { message: string; element?: ModdleElement }): RouteIssue {
  const issue: RouteIssue = { rule: "xml", severity: "warning", message: `The XML has a problem that was skipped: ${oneLine(warning.message)}.` };
  if (warning.element?.id) issue.element = warning.element.id;
  return issue;
}

function describeParseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = /line:\s*(\d+)/.exec(text);
  const column = /column:\s*(\d+)/.exec(text);
  const nested = /nested error:\s*(.+)/.exec(text);
  const head = oneLine(text.split("\n")[0] ?? text);
  const where = line && column ? ` at line ${Number(line[1]) + 1}, column ${Number(column[1]) + 1}` : "";
  const why = nested ? ` (${oneLine(nested[1])})` : "";
  if (/failed to parse document as/.test(text)) {
    return "The file is not a BPMN 2.0 document: its root must be <bpmn:definitions> in the BPMN model namespace.";
  }
  return `The BPMN XML is malformed${where}: ${head}${why}.`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\.$/, "");
}
