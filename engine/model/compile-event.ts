import type { ModdleElement } from "bpmn-moddle";
import type { BoundaryEventNode, EndEventNode, IntermediateEventNode, StartEventNode, TimerSpec } from "../core/route.ts";
import { extension, issueAt } from "./bpmn.ts";
import { type CompileContext, fail, feel } from "./context.ts";
import type { NodeBaseFields } from "./compile-task.ts";

/** Compile a start event (none, message or timer; others were refused before). */
export function compileStartEvent(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): StartEventNode {
  const definition = firstDefinition(element);
  if (definition?.$type === "bpmn:MessageEventDefinition") return { ...base, type: "startEvent", trigger: { kind: "message", message: messageName(element, definition, ctx) } };
  if (definition?.$type === "bpmn:TimerEventDefinition") return { ...base, type: "startEvent", trigger: { kind: "timer", timer: timerSpec(element, definition, ctx) } };
  return { ...base, type: "startEvent", trigger: { kind: "none" } };
}

/** Compile an end event with its result and its `or:end` outcome, stage and (lost only) reason. */
export function compileEndEvent(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): EndEventNode {
  const definition = firstDefinition(element);
  let result: EndEventNode["result"] = { kind: "none" };
  if (definition?.$type === "bpmn:TerminateEventDefinition") result = { kind: "terminate" };
  if (definition?.$type === "bpmn:ErrorEventDefinition") result = withCode({ kind: "error" }, errorCode(definition));
  const node: EndEventNode = { ...base, type: "endEvent", result };
  const end = extension(element, "or:End");
  if (end?.outcome === "won" || end?.outcome === "lost") node.outcome = end.outcome;
  if (typeof end?.stage === "string" && end.stage) node.stage = end.stage;
  if (typeof end?.reason === "string" && end.reason) {
    if (node.outcome === "lost") node.reason = end.reason;
    else fail(ctx, element, "end-reason", `A reason (${end.reason}) is recorded only by an end with outcome "lost"; set outcome="lost" or remove the reason.`);
  }
  return node;
}

/** Compile an intermediate catch (timer, message, link) or throw (none, link) event. */
export function compileIntermediateEvent(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): IntermediateEventNode {
  const type = element.$type === "bpmn:IntermediateCatchEvent" ? "intermediateCatchEvent" : "intermediateThrowEvent";
  const definition = firstDefinition(element);
  if (definition?.$type === "bpmn:MessageEventDefinition") return { ...base, type, trigger: { kind: "message", message: messageName(element, definition, ctx) } };
  if (definition?.$type === "bpmn:TimerEventDefinition") return { ...base, type, trigger: { kind: "timer", timer: timerSpec(element, definition, ctx) } };
  if (definition?.$type === "bpmn:LinkEventDefinition") return { ...base, type, trigger: { kind: "link", link: String(definition.name ?? element.name ?? element.id) } };
  return { ...base, type, trigger: { kind: "none" } };
}

/** Compile a boundary event (timer, message or error) attached to an activity. */
export function compileBoundaryEvent(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): BoundaryEventNode {
  const attachedTo = String(element.attachedToRef?.id ?? "");
  if (!attachedTo) fail(ctx, element, "structure", "This boundary event is not attached to any activity.");
  const common = { ...base, type: "boundaryEvent" as const, attachedTo, interrupting: element.cancelActivity !== false };
  const definition = firstDefinition(element);
  if (definition?.$type === "bpmn:MessageEventDefinition") return { ...common, trigger: { kind: "message", message: messageName(element, definition, ctx) } };
  if (definition?.$type === "bpmn:TimerEventDefinition") return { ...common, trigger: { kind: "timer", timer: timerSpec(element, definition, ctx) } };
  return { ...common, trigger: withCode({ kind: "error" }, errorCode(definition)) };
}

function firstDefinition(element: ModdleElement): ModdleElement | undefined {
  return (element.eventDefinitions ?? [])[0];
}

function messageName(element: ModdleElement, definition: ModdleElement, ctx: CompileContext): string {
  const message: ModdleElement | undefined = definition.messageRef;
  const name = message?.name ?? message?.id;
  if (name) return String(name);
  const fallback = String(element.name ?? element.id);
  ctx.issues.push(issueAt(element, "message", `This message event names no message, so it waits for a message called "${fallback}" (its name or id): pick or create a message to make this explicit.`, "warning"));
  return fallback;
}

function errorCode(definition: ModdleElement | undefined): string | undefined {
  const code = definition?.errorRef?.errorCode;
  return typeof code === "string" && code ? code : undefined;
}

function withCode<T extends { kind: "error"; code?: string }>(trigger: T, code: string | undefined): T {
  return code === undefined ? trigger : { ...trigger, code };
}

function timerSpec(element: ModdleElement, definition: ModdleElement, ctx: CompileContext): TimerSpec {
  const [kind, expression] = definition.timeDate
    ? (["date", definition.timeDate] as const)
    : definition.timeDuration
      ? (["duration", definition.timeDuration] as const)
      : (["cycle", definition.timeCycle] as const);
  const body = typeof expression?.body === "string" ? expression.body.trim() : "";
  if (!body) {
    fail(ctx, element, "timer", "This timer has no time: give it a date, a duration (e.g. PT1H) or a cycle.");
    return { kind, expression: "" };
  }
  if (!body.startsWith("=") && !/[$#]\{/.test(body)) return { kind, expression: body };
  const feelExpression = feel(ctx, element, body, `timer ${kind}`);
  return { kind, expression: feelExpression === undefined ? body : `=${feelExpression}` };
}
