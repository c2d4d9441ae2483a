import type { ModdleElement } from "bpmn-moddle";
import { issueAt } from "./bpmn.ts";
import { feelError, isJuel, stripEquals } from "./feel.ts";
import type { RouteIssue } from "./types.ts";

/** State shared by the compile steps of one file. */
export interface CompileContext {
  issues: RouteIssue[];
  /** Flow node id → role key (from lanes). */
  roleOf: Map<string, string>;
  /** Ids of the processes in the file. */
  processIds: Set<string>;
}

const JUEL_MESSAGE = "Conditions must be FEEL expressions (e.g. `fulfilment.type = \"delivery\"`); `${…}` JUEL/JavaScript is not supported.";

/** Report an error at an element. */
export function fail(ctx: CompileContext, element: ModdleElement | undefined, rule: string, message: string): void {
  ctx.issues.push(issueAt(element, rule, message));
}

/**
 * Check a FEEL expression written on an element (leading `=` optional) and return it without the `=`;
 * JUEL and unparsable FEEL are reported and give undefined.
 */
export function feel(ctx: CompileContext, element: ModdleElement, text: string, what: string): string | undefined {
  if (isJuel(text)) {
    fail(ctx, element, "unsupported", what === "condition" ? JUEL_MESSAGE : `The ${what} \`${text.trim()}\` is JUEL; write it as a FEEL expression (e.g. \`items\` or \`fulfilment.slot.end\`).`);
    return undefined;
  }
  const expression = stripEquals(text);
  const error = feelError(expression);
  if (error) {
    fail(ctx, element, "feel", `The ${what} \`${expression}\` is not valid FEEL: ${error}.`);
    return undefined;
  }
  return expression;
}

/** The message used when a condition is JUEL or JavaScript. */
export const juelConditionMessage = JUEL_MESSAGE;
