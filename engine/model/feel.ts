import { parseExpression } from "feelin";

/** Remove the leading `=` that Camunda and bpmn-js use to mark an expression, and trim. */
export function stripEquals(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith("=") ? trimmed.slice(1).trim() : trimmed;
}

/** Whether a text looks like a JUEL/Spring expression (`${…}`, `#{…}`), which we do not run. */
export function isJuel(expression: string): boolean {
  return /[$#]\{/.test(expression);
}

/** Why a FEEL expression (without its `=`) does not parse, or undefined when it parses. */
export function feelError(expression: string): string | undefined {
  if (expression.trim() === "") return "the expression is empty";
  try {
    const tree = parseExpression(expression, {}, undefined);
    let position: number | undefined;
    tree.iterate({
      enter(node) {
        if (position === undefined && node.type.isError) position = node.from;
        return position === undefined;
      },
    });
    if (position === undefined) return undefined;
    return `it does not parse as FEEL near position ${position + 1} ("${excerpt(expression, position)}")`;
  } catch (error) {
    return `it does not parse as FEEL (${error instanceof Error ? error.message : String(error)})`;
  }
}

function excerpt(expression: string, position: number): string {
  const start = Math.max(0, position - 10);
  return expression.slice(start, position + 10).replace(/\s+/g, " ");
}
