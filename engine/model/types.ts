import type { Route } from "../core/route.ts";

/** A problem found in a route at publish time, tied to a BPMN element. */
export interface RouteIssue {
  /** BPMN element id at fault (absent for file-level problems such as malformed XML). */
  element?: string;
  /** Element name, when it has one. */
  name?: string;
  /** Rule that found it: a bpmnlint rule (`order-routes/lane-is-role`), `xml`, `schema`, `unsupported`, … */
  rule: string;
  severity: "error" | "warning";
  /** A plain sentence saying what is wrong and what to do. */
  message: string;
}

/** Result of compiling BPMN XML: the Route when there is no error, and every issue found. */
export interface CompileResult {
  ok: boolean;
  route?: Route;
  issues: RouteIssue[];
}
