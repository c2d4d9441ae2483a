import type { ModdleElement } from "bpmn-moddle";
import type { OutcomeSpec, RouteFlow } from "../core/route.ts";
import { extension } from "./bpmn.ts";
import { type CompileContext, fail, feel, juelConditionMessage } from "./context.ts";

const OUTCOME_KINDS = ["success", "failure", "custom"] as const;
const SCRIPT_LANGUAGES = /^(javascript|js|ecmascript|groovy|juel|python|jruby|ruby|mvel)$/i;

/** Compile a sequence flow with its FEEL condition and `or:outcome`; undefined when it has no ends. */
export function compileSequenceFlow(element: ModdleElement, ctx: CompileContext): RouteFlow | undefined {
  const source = element.sourceRef?.id;
  const target = element.targetRef?.id;
  if (!source || !target) {
    fail(ctx, element, "structure", "This sequence flow is not connected at both ends: connect it to a source and a target element.");
    return undefined;
  }
  const flow: RouteFlow = { id: String(element.id), source, target };
  if (element.name) flow.name = String(element.name);
  const condition = compileCondition(element, ctx);
  if (condition !== undefined) flow.condition = condition;
  const outcome = compileOutcome(element, ctx);
  if (outcome) flow.outcome = outcome;
  return flow;
}

function compileCondition(element: ModdleElement, ctx: CompileContext): string | undefined {
  const expression: ModdleElement | undefined = element.conditionExpression;
  if (!expression) return undefined;
  const body = typeof expression.body === "string" ? expression.body : "";
  const language = typeof expression.language === "string" ? expression.language.trim() : "";
  if (SCRIPT_LANGUAGES.test(language)) {
    fail(ctx, element, "unsupported", juelConditionMessage);
    return undefined;
  }
  if (!body.trim()) return undefined;
  return feel(ctx, element, body, "condition");
}

function compileOutcome(element: ModdleElement, ctx: CompileContext): OutcomeSpec | undefined {
  const outcome = extension(element, "or:Outcome");
  if (!outcome) return undefined;
  const kind = OUTCOME_KINDS.find((candidate) => candidate === outcome.kind);
  if (!kind) {
    fail(ctx, element, "outcome", `The outcome kind "${outcome.kind ?? ""}" is unknown: use success, failure or custom.`);
    return undefined;
  }
  const spec: OutcomeSpec = { kind, label: String(outcome.label ?? element.name ?? defaultLabel(kind)) };
  if (outcome.color) spec.color = String(outcome.color);
  return spec;
}

function defaultLabel(kind: OutcomeSpec["kind"]): string {
  return kind === "success" ? "Done" : kind === "failure" ? "Failed" : "Other";
}
