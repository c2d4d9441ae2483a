import type { ModdleElement } from "bpmn-moddle";
import type { GatewayNode, RouteNode } from "../core/route.ts";
import { issueAt } from "./bpmn.ts";
import { compileBoundaryEvent, compileEndEvent, compileIntermediateEvent, compileStartEvent } from "./compile-event.ts";
import { compileConnectorTask, compileUserTask, type NodeBaseFields } from "./compile-task.ts";
import { type CompileContext, fail } from "./context.ts";
import { calledElementOf } from "./main-process.ts";
import { unsupportedReason } from "./support.ts";

type NodeCompiler = (element: ModdleElement, base: NodeBaseFields, ctx: CompileContext) => RouteNode | undefined;

const GATEWAYS: Record<string, GatewayNode["type"]> = {
  "bpmn:ExclusiveGateway": "exclusiveGateway",
  "bpmn:ParallelGateway": "parallelGateway",
  "bpmn:InclusiveGateway": "inclusiveGateway",
  "bpmn:EventBasedGateway": "eventBasedGateway",
};

const COMPILERS: Record<string, NodeCompiler> = {
  "bpmn:StartEvent": compileStartEvent,
  "bpmn:EndEvent": compileEndEvent,
  "bpmn:IntermediateCatchEvent": compileIntermediateEvent,
  "bpmn:IntermediateThrowEvent": compileIntermediateEvent,
  "bpmn:BoundaryEvent": compileBoundaryEvent,
  "bpmn:Task": compileTask,
  "bpmn:UserTask": compileUserTask,
  "bpmn:ManualTask": compileUserTask,
  "bpmn:ServiceTask": compileConnectorTask,
  "bpmn:SendTask": compileConnectorTask,
  "bpmn:ReceiveTask": compileReceiveTask,
  "bpmn:ExclusiveGateway": compileGateway,
  "bpmn:ParallelGateway": compileGateway,
  "bpmn:InclusiveGateway": compileGateway,
  "bpmn:EventBasedGateway": compileGateway,
  "bpmn:SubProcess": (_element, base) => ({ ...base, type: "subProcess", start: [] }),
  "bpmn:CallActivity": compileCallActivity,
};

/** Compile one flow node into a RouteNode, or report why the engine cannot run it. */
export function compileNode(element: ModdleElement, scope: string, ctx: CompileContext): RouteNode | undefined {
  if (!element.id) {
    fail(ctx, element, "structure", `An element of type ${element.$type} has no id.`);
    return undefined;
  }
  const reason = unsupportedReason(element);
  if (reason) {
    ctx.issues.push(issueAt(element, "unsupported", reason));
    return undefined;
  }
  const compiler = COMPILERS[element.$type];
  if (!compiler) {
    ctx.issues.push(issueAt(element, "unsupported", `Elements of type ${element.$type} are not supported by the engine.`));
    return undefined;
  }
  const base: NodeBaseFields = { id: String(element.id), scope, incoming: [], outgoing: [] };
  if (element.name) base.name = String(element.name);
  return compiler(element, base, ctx);
}

function compileGateway(element: ModdleElement, base: NodeBaseFields): GatewayNode {
  const node: GatewayNode = { ...base, type: GATEWAYS[element.$type]! };
  const defaultFlow = element.default?.id;
  if (defaultFlow) node.default = String(defaultFlow);
  return node;
}

function compileTask(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): RouteNode {
  ctx.issues.push(issueAt(element, "task-type", "This task has no type, so it does nothing: deals pass straight through it. Make it a user task if someone has to do the work, or a service/send task with an or:connector to call a connector.", "warning"));
  return { ...base, type: "task" };
}

function compileReceiveTask(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): RouteNode {
  const named = element.messageRef?.name ?? element.messageRef?.id;
  const message = String(named ?? element.name ?? element.id);
  if (!named) {
    ctx.issues.push(issueAt(element, "message", `This receive task names no message, so it waits for a message called "${message}" (its name or id): pick or create a message to make this explicit.`, "warning"));
  }
  return { ...base, type: "receiveTask", message };
}

function compileCallActivity(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): RouteNode {
  const calledElement = calledElementOf(element) ?? "";
  if (!calledElement) {
    fail(ctx, element, "call-activity", "This call activity calls nothing: set its called element to the id of a process in this file.");
  } else if (!ctx.processIds.has(calledElement)) {
    fail(ctx, element, "call-activity", `This call activity calls "${calledElement}", which is not a process of this file: a route can only call processes drawn in the same file.`);
  }
  return { ...base, type: "callActivity", calledElement };
}
