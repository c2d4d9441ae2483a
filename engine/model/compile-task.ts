import type { ModdleElement } from "bpmn-moddle";
import Handlebars from "handlebars";
import type { ConnectorTaskNode, MultiInstanceSpec, TaskTemplate, UserTaskNode } from "../core/route.ts";
import { extension } from "./bpmn.ts";
import { type CompileContext, fail, feel } from "./context.ts";

/** Fields every compiled node shares. */
export type NodeBaseFields = { id: string; name?: string; scope: string; incoming: string[]; outgoing: string[] };

const ISO_DURATION = /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Compile a user or manual task with its `or:task`, template and multi-instance characteristics. */
export function compileUserTask(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): UserTaskNode {
  const task = extension(element, "or:Task");
  const node: UserTaskNode = {
    ...base,
    type: element.$type === "bpmn:ManualTask" ? "manualTask" : "userTask",
    template: compileTemplate(element, task, ctx),
    failureAllowed: task?.failureAllowed !== false,
  };
  const role = ctx.roleOf.get(base.id);
  if (role) node.role = role;
  if (typeof task?.stage === "string" && task.stage) node.stage = task.stage;
  const assignment = compileAssignment(element, task, ctx);
  if (assignment) node.assignment = assignment;
  const multiInstance = compileMultiInstance(element, ctx);
  if (multiInstance) node.multiInstance = multiInstance;
  return node;
}

/** Compile a service or send task carrying an `or:connector` (callers have checked it is there). */
export function compileConnectorTask(element: ModdleElement, base: NodeBaseFields, ctx: CompileContext): ConnectorTaskNode {
  const connector = extension(element, "or:Connector");
  if (!connector?.connector || !connector?.action) {
    fail(ctx, element, "connector", "The or:connector needs both a connector (e.g. \"sms\") and an action (e.g. \"send\").");
  }
  const input: Record<string, string> = {};
  for (const entry of (connector?.inputs ?? []) as ModdleElement[]) {
    if (!entry.name) {
      fail(ctx, element, "connector", "Every or:input of a connector needs a name.");
      continue;
    }
    const value = feel(ctx, element, String(entry.value ?? ""), `input "${entry.name}"`);
    if (value !== undefined) input[entry.name] = value;
  }
  const node: ConnectorTaskNode = {
    ...base,
    type: element.$type === "bpmn:SendTask" ? "sendTask" : "serviceTask",
    connector: String(connector?.connector ?? ""),
    action: String(connector?.action ?? ""),
    input,
  };
  if (connector?.template) node.template = String(connector.template);
  return node;
}

/** The `assignment` of an `or:task`: omitted for the default pool, checked otherwise. */
function compileAssignment(element: ModdleElement, task: ModdleElement | undefined, ctx: CompileContext): UserTaskNode["assignment"] {
  const value: unknown = task?.assignment;
  if (value === undefined || value === null || value === "" || value === "pool") return undefined;
  if (value === "round-robin" || value === "least-open") return value;
  fail(ctx, element, "assignment", `Unknown assignment "${String(value)}": use pool, round-robin or least-open.`);
  return undefined;
}

function compileTemplate(element: ModdleElement, task: ModdleElement | undefined, ctx: CompileContext): TaskTemplate {
  const source: ModdleElement | undefined = task?.taskTemplate;
  const template: TaskTemplate = {
    title: handlebars(ctx, element, String(source?.title ?? element.name ?? element.id), "title"),
    checklist: ((source?.items ?? []) as ModdleElement[]).map((item, index) => ({
      id: String(item.id ?? `item${index + 1}`),
      label: String(item.label ?? item.id ?? `Item ${index + 1}`),
      required: item.required === true,
    })),
    observers: String(source?.observers ?? "").split(",").map((entry) => entry.trim()).filter(Boolean),
  };
  if (typeof task?.template === "string" && task.template) template.ref = task.template;
  const description = source?.description?.body;
  if (typeof description === "string" && description.trim()) template.description = handlebars(ctx, element, description.trim(), "description");
  const instructions = source?.instructions?.body;
  if (typeof instructions === "string" && instructions.trim()) template.instructions = handlebars(ctx, element, instructions.trim(), "instructions");
  if (source?.deadline) template.deadline = durationOrFeel(ctx, element, String(source.deadline), "deadline");
  if (source?.deferral) template.deferral = duration(ctx, element, String(source.deferral), "deferral");
  if (source?.reminder) template.reminder = duration(ctx, element, String(source.reminder), "reminder");
  if (typeof source?.priority === "number") template.priority = source.priority;
  const slot = compileSlot(element, source?.slot, ctx);
  if (slot) template.slot = slot;
  return template;
}

function compileSlot(element: ModdleElement, slot: ModdleElement | undefined, ctx: CompileContext): TaskTemplate["slot"] {
  if (!slot) return undefined;
  if (!slot.from || !slot.to) {
    fail(ctx, element, "template", "A task slot needs both `from` and `to` (FEEL over the deal, e.g. `fulfilment.slot.start`).");
    return undefined;
  }
  const result: NonNullable<TaskTemplate["slot"]> = {
    from: feel(ctx, element, String(slot.from), "slot start") ?? String(slot.from),
    to: feel(ctx, element, String(slot.to), "slot end") ?? String(slot.to),
  };
  if (slot.fromOffset) result.fromOffset = duration(ctx, element, String(slot.fromOffset), "slot start offset");
  if (slot.toOffset) result.toOffset = duration(ctx, element, String(slot.toOffset), "slot end offset");
  return result;
}

function compileMultiInstance(element: ModdleElement, ctx: CompileContext): MultiInstanceSpec | undefined {
  const loop: ModdleElement | undefined = element.loopCharacteristics;
  if (!loop || loop.$type !== "bpmn:MultiInstanceLoopCharacteristics") return undefined;
  const ours = extension(loop, "or:MultiInstance");
  const zeebe = extension(loop, "zeebe:loopCharacteristics");
  const attrs: Record<string, string> = loop.$attrs ?? {};
  const collection = ours?.collection ?? zeebe?.inputCollection ?? attrs["camunda:collection"];
  if (typeof collection !== "string" || !collection.trim()) {
    fail(ctx, element, "multi-instance", "A multi-instance task needs a collection: add <or:multiInstance collection=\"items\" elementVariable=\"item\"/> to its loop characteristics.");
    return undefined;
  }
  const expression = feel(ctx, element, collection, "multi-instance collection");
  if (expression === undefined) return undefined;
  const variable = ours?.elementVariable ?? zeebe?.inputElement ?? attrs["camunda:elementVariable"] ?? "item";
  return { collection: expression, elementVariable: String(variable), sequential: loop.isSequential === true };
}

function durationOrFeel(ctx: CompileContext, element: ModdleElement, text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("=")) return duration(ctx, element, trimmed, what);
  const expression = feel(ctx, element, trimmed, what);
  return expression === undefined ? trimmed : `=${expression}`;
}

function duration(ctx: CompileContext, element: ModdleElement, text: string, what: string): string {
  const trimmed = text.trim();
  if (!ISO_DURATION.test(trimmed)) {
    fail(ctx, element, "template", `The ${what} \`${trimmed}\` is not an ISO 8601 duration (e.g. PT1H, P1D)${what === "deadline" ? " nor a FEEL expression starting with =" : ""}.`);
  }
  return trimmed;
}

function handlebars(ctx: CompileContext, element: ModdleElement, text: string, what: string): string {
  try {
    Handlebars.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    fail(ctx, element, "template", `The ${what} is not a valid Handlebars template: ${reason}.`);
  }
  return text;
}
