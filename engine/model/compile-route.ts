import type { ModdleElement } from "bpmn-moddle";
import type { Role, Route, RouteFlow, RouteNode, Stage } from "../core/route.ts";
import { extension, flowElements, is, issueAt, processesOf } from "./bpmn.ts";
import { compileSequenceFlow } from "./compile-flow.ts";
import { assignStarts } from "./compile-start.ts";
import { compileNode } from "./compile-node.ts";
import type { CompileContext } from "./context.ts";
import { indexLanes } from "./lanes.ts";
import { pickMainProcess, reachableProcesses } from "./main-process.ts";
import type { RouteIssue } from "./types.ts";

const STAGE_KINDS = ["open", "won", "lost"] as const;
const DEFAULT_STAGE_COLOR = "#9ca3af";

/** Compile parsed BPMN definitions into a Route (its main process and the processes it calls) plus issues. */
export function compileDefinitions(definitions: ModdleElement): { route?: Route; issues: RouteIssue[] } {
  const issues: RouteIssue[] = [];
  const main = pickMainProcess(definitions);
  if (!main) {
    const count = processesOf(definitions).length;
    const message = count === 0
      ? "The file has no process: draw the route as a BPMN process."
      : "No process is executable: mark the route's main process as executable (isExecutable=\"true\").";
    return { issues: [{ rule: "structure", severity: "error", message }] };
  }
  const processes = reachableProcesses(definitions, main);
  const ctx: CompileContext = { issues, roleOf: new Map(), processIds: new Set(processesOf(definitions).map((p) => String(p.id))) };
  const roles: Role[] = [];
  for (const process of processes) {
    const lanes = indexLanes(process);
    for (const role of lanes.roles) if (!roles.some((known) => known.key === role.key)) roles.push(role);
    for (const [node, key] of lanes.roleOf) ctx.roleOf.set(node, key);
  }
  const nodes: Record<string, RouteNode> = {};
  const flows: Record<string, RouteFlow> = {};
  for (const process of processes) compileScope(process, String(process.id), ctx, nodes, flows);
  linkNodes(nodes, flows);
  const route: Route = {
    key: String(main.id),
    name: String(main.name ?? main.id),
    main: String(main.id),
    processes: Object.fromEntries(processes.map((process) => [String(process.id), compileProcessEntry(process)])),
    stages: compileStages(main, ctx),
    roles,
    nodes,
    flows,
  };
  assignStarts(route, issues);
  return { route, issues };
}

function compileScope(container: ModdleElement, scope: string, ctx: CompileContext, nodes: Record<string, RouteNode>, flows: Record<string, RouteFlow>): void {
  for (const element of flowElements(container)) {
    if (is(element, "bpmn:SequenceFlow")) {
      const flow = compileSequenceFlow(element, ctx);
      if (flow) addUnique(flows, flow, element, ctx);
      continue;
    }
    if (!is(element, "bpmn:FlowNode")) continue;
    const node = compileNode(element, scope, ctx);
    if (!node) continue;
    addUnique(nodes, node, element, ctx);
    if (node.type === "subProcess") compileScope(element, node.id, ctx, nodes, flows);
  }
}

function addUnique<T extends { id: string }>(record: Record<string, T>, item: T, element: ModdleElement, ctx: CompileContext): void {
  if (record[item.id]) {
    ctx.issues.push(issueAt(element, "structure", `The id "${item.id}" is used twice: every element needs its own id.`));
    return;
  }
  record[item.id] = item;
}

function linkNodes(nodes: Record<string, RouteNode>, flows: Record<string, RouteFlow>): void {
  for (const flow of Object.values(flows)) {
    nodes[flow.source]?.outgoing.push(flow.id);
    nodes[flow.target]?.incoming.push(flow.id);
  }
}

/** A process entry; its start list is filled in by `assignStarts` once the nodes are linked. */
function compileProcessEntry(process: ModdleElement): Route["processes"][string] {
  const entry: Route["processes"][string] = { id: String(process.id), start: [] };
  if (process.name) entry.name = String(process.name);
  return entry;
}

function compileStages(main: ModdleElement, ctx: CompileContext): Stage[] {
  const stages: Stage[] = [];
  for (const stage of (extension(main, "or:Stages")?.stages ?? []) as ModdleElement[]) {
    const kind = STAGE_KINDS.find((candidate) => candidate === (stage.kind ?? "open"));
    if (!stage.id || !kind) {
      ctx.issues.push(issueAt(main, "stages", `Stage "${stage.name ?? stage.id ?? "?"}" needs an id and a kind of open, won or lost.`));
      continue;
    }
    if (stages.some((known) => known.id === stage.id)) {
      ctx.issues.push(issueAt(main, "stages", `Stage id "${stage.id}" is declared twice.`));
      continue;
    }
    stages.push({ id: String(stage.id), name: String(stage.name ?? stage.id), color: String(stage.color ?? DEFAULT_STAGE_COLOR), kind });
  }
  return stages;
}
