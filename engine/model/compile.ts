import { compileDefinitions } from "./compile-route.ts";
import { lintDefinitions } from "./lint/lint.ts";
import type { LintProfile } from "./lint/plugin.ts";
import { parseBpmn } from "./parse.ts";
import { validateRouteSchema } from "./schema.ts";
import type { CompileResult, RouteIssue } from "./types.ts";

/** How strictly to check: `route` (default) applies every order-route rule; `engine` only what execution needs (conformance). */
export interface CompileOptions {
  profile?: Exclude<LintProfile, "designer">;
}

/**
 * Compile BPMN XML into a Route: parse (bpmn-moddle + `or:`), compile every element, validate the Route
 * against its JSON Schema and lint. Never throws: every problem is an issue; `ok` = no error issue.
 */
export async function compileRoute(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  try {
    const parsed = await parseBpmn(xml);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const compiled = compileDefinitions(parsed.definitions);
    const issues: RouteIssue[] = [...parsed.issues, ...compiled.issues];
    const compileFailed = issues.some((issue) => issue.severity === "error");
    if (compiled.route && !compileFailed) issues.push(...validateRouteSchema(compiled.route));
    issues.push(...(await lintSafely(parsed.definitions, options.profile ?? "route")));
    const unique = dedupe(issues);
    const ok = compiled.route !== undefined && !unique.some((issue) => issue.severity === "error");
    return ok ? { ok, route: compiled.route, issues: unique } : { ok, issues: unique };
  } catch (error) {
    return { ok: false, issues: [{ rule: "internal", severity: "error", message: `The route could not be compiled: ${error instanceof Error ? error.message : String(error)}.` }] };
  }
}

/** Lint BPMN XML only (e.g. to show a report without compiling); never throws. */
export async function lintRoute(xml: string, profile: LintProfile = "route"): Promise<RouteIssue[]> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) return parsed.issues;
  return [...parsed.issues, ...(await lintSafely(parsed.definitions, profile))];
}

async function lintSafely(definitions: Parameters<typeof lintDefinitions>[0], profile: LintProfile): Promise<RouteIssue[]> {
  try {
    return await lintDefinitions(definitions, profile);
  } catch (error) {
    return [{ rule: "lint", severity: "warning", message: `Linting failed: ${error instanceof Error ? error.message : String(error)}.` }];
  }
}

function dedupe(issues: RouteIssue[]): RouteIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.rule}|${issue.element ?? ""}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
