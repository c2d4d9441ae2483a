import type { ModdleElement } from "bpmn-moddle";
import { extension, is, isAny } from "./bpmn.ts";

/** Kind of an event definition, in our words. */
export type EventKind =
  | "message" | "timer" | "error" | "terminate" | "link"
  | "signal" | "escalation" | "compensation" | "conditional" | "cancel";

const EVENT_KINDS: Record<string, EventKind> = {
  "bpmn:MessageEventDefinition": "message",
  "bpmn:TimerEventDefinition": "timer",
  "bpmn:ErrorEventDefinition": "error",
  "bpmn:TerminateEventDefinition": "terminate",
  "bpmn:LinkEventDefinition": "link",
  "bpmn:SignalEventDefinition": "signal",
  "bpmn:EscalationEventDefinition": "escalation",
  "bpmn:CompensateEventDefinition": "compensation",
  "bpmn:ConditionalEventDefinition": "conditional",
  "bpmn:CancelEventDefinition": "cancel",
};

/** Event kinds the engine runs, per event type ("none" = no event definition). */
const ALLOWED_EVENTS: Record<string, (EventKind | "none")[]> = {
  "bpmn:StartEvent": ["none", "message", "timer"],
  "bpmn:EndEvent": ["none", "terminate", "error"],
  "bpmn:IntermediateCatchEvent": ["message", "timer", "link"],
  "bpmn:IntermediateThrowEvent": ["none", "link"],
  "bpmn:BoundaryEvent": ["message", "timer", "error"],
};

const ADVICE: Record<EventKind, string> = {
  message: "use a send task with an or:connector to send a message",
  timer: "timers are supported on start, intermediate catch and boundary events only",
  error: "errors are supported on end and boundary events only",
  terminate: "use a terminate end event",
  link: "link events are supported as intermediate throw/catch pairs",
  signal: "use a message event (something from outside) or a sequence flow instead",
  escalation: "use an error end event and an error boundary event, or a sequence flow",
  compensation: "model the undo steps as ordinary tasks on the failure path",
  conditional: "use an exclusive gateway with a FEEL condition, or a message event",
  cancel: "use an error end event and an error boundary event instead of a transaction",
};

const TYPE_REASONS: Record<string, string> = {
  "bpmn:Transaction": "Transactions are not supported: use an embedded sub-process with an error boundary event.",
  "bpmn:AdHocSubProcess": "Ad-hoc sub-processes are not supported: draw the tasks with sequence flows, or a parallel gateway.",
  "bpmn:ComplexGateway": "Complex gateways are not supported: use exclusive, parallel or inclusive gateways.",
  "bpmn:ScriptTask": "Script tasks are not supported (a route never runs code): use a service task with an or:connector.",
  "bpmn:BusinessRuleTask": "Business rule tasks are not supported: use an exclusive gateway with FEEL conditions, or a service task with an or:connector.",
};

const RUNNABLE_TYPES = [
  "bpmn:StartEvent", "bpmn:EndEvent", "bpmn:IntermediateCatchEvent", "bpmn:IntermediateThrowEvent", "bpmn:BoundaryEvent",
  "bpmn:Task", "bpmn:UserTask", "bpmn:ManualTask", "bpmn:ServiceTask", "bpmn:SendTask", "bpmn:ReceiveTask",
  "bpmn:ExclusiveGateway", "bpmn:ParallelGateway", "bpmn:InclusiveGateway", "bpmn:EventBasedGateway",
  "bpmn:SubProcess", "bpmn:CallActivity",
];

/** The event kinds of an event's definitions, in order ("none" when it has none). */
export function eventKinds(event: ModdleElement): (EventKind | "unknown")[] {
  const definitions: ModdleElement[] = event.eventDefinitions ?? [];
  return definitions.map((definition) => EVENT_KINDS[definition.$type] ?? "unknown");
}

/** A plain sentence saying why the engine cannot run this flow node, or undefined when it can. */
export function unsupportedReason(node: ModdleElement): string | undefined {
  const byType = TYPE_REASONS[node.$type];
  if (byType) return byType;
  if (!RUNNABLE_TYPES.includes(node.$type)) {
    return `Elements of type ${node.$type.replace(/^bpmn:/, "")} are not supported by the engine.`;
  }
  if (is(node, "bpmn:SubProcess") && node.triggeredByEvent) {
    return "Event sub-processes are not supported: use boundary events on the activity instead.";
  }
  if (node.isForCompensation) return "Compensation activities are not supported: model the undo steps as ordinary tasks on the failure path.";
  return loopReason(node) ?? eventReason(node) ?? boundaryReason(node) ?? gatewayReason(node) ?? connectorReason(node);
}

function loopReason(node: ModdleElement): string | undefined {
  const loop: ModdleElement | undefined = node.loopCharacteristics;
  if (!loop) return undefined;
  if (is(loop, "bpmn:StandardLoopCharacteristics")) {
    return "Loops (standard loop characteristics) are not supported: draw the loop with a gateway and a sequence flow back.";
  }
  if (!isAny(node, ["bpmn:UserTask", "bpmn:ManualTask"])) {
    return "Multi-instance is supported on user and manual tasks only: put the work per item in a user task.";
  }
  if (loop.completionCondition) return "Multi-instance completion conditions are not supported: every instance must complete.";
  return undefined;
}

function eventReason(node: ModdleElement): string | undefined {
  const allowed = ALLOWED_EVENTS[node.$type];
  if (!allowed) return undefined;
  const kinds = eventKinds(node);
  if (kinds.length > 1) return "Events with several event definitions are not supported: use one event per trigger.";
  const kind = (kinds.length === 0 ? "none" : kinds[0]) as EventKind | "unknown" | "none";
  if (kind === "unknown") return "This event definition is not supported.";
  const what = eventName(node.$type);
  if (kind === "none" && !allowed.includes("none")) return `A ${what} needs a trigger: give it a message, timer${node.$type === "bpmn:BoundaryEvent" ? " or error" : " or link"} definition.`;
  if (!allowed.includes(kind)) return `${article(kind)} ${kind} ${what} is not supported: ${ADVICE[kind as EventKind]}.`;
  if (node.$type === "bpmn:StartEvent" && kind !== "none" && is(node.$parent, "bpmn:SubProcess")) {
    return `${article(kind)} ${kind} start event inside a sub-process is not supported: a sub-process starts with a plain start event.`;
  }
  return undefined;
}

function boundaryReason(node: ModdleElement): string | undefined {
  if (!is(node, "bpmn:BoundaryEvent") || node.attachedToRef?.$type !== "bpmn:Task") return undefined;
  return "A boundary event on a task without a type never fires: that task does no work and never waits, deals pass straight through it. Make the task a user task (work for a role) or a receive task, or remove the boundary event.";
}

function gatewayReason(node: ModdleElement): string | undefined {
  if (!is(node, "bpmn:EventBasedGateway")) return undefined;
  if (node.instantiate || node.eventGatewayType === "Parallel") {
    return "Instantiating or parallel event-based gateways are not supported: start the route with a start event.";
  }
  return undefined;
}

function connectorReason(node: ModdleElement): string | undefined {
  if (!isAny(node, ["bpmn:ServiceTask", "bpmn:SendTask"])) return undefined;
  if (extension(node, "or:Connector")) return undefined;
  const kind = node.$type === "bpmn:SendTask" ? "send task" : "service task";
  return `This ${kind} has no connector: add <or:connector connector="…" action="…"> in its extension elements (e.g. connector="sms" action="send").`;
}

function eventName(type: string): string {
  return type.replace(/^bpmn:/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "An" : "A";
}
