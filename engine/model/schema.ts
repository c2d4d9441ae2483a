import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import routeSchema from "../../definitions/schemas/route.schema.json" with { type: "json" };
import type { Route } from "../core/route.ts";
import type { RouteIssue } from "./types.ts";

let validator: ValidateFunction | undefined;

/** Validate a compiled Route against definitions/schemas/route.schema.json; issues have rule `schema`. */
export function validateRouteSchema(route: Route): RouteIssue[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(routeSchema);
  if (validator(route)) return [];
  return (validator.errors ?? []).filter(isLeafError).slice(0, 20).map(toIssue);
}

function isLeafError(error: ErrorObject): boolean {
  return error.keyword !== "if" && error.keyword !== "oneOf";
}

function toIssue(error: ErrorObject): RouteIssue {
  const [collection, id] = error.instancePath.split("/").slice(1).map(unescapePointer);
  const issue: RouteIssue = {
    rule: "schema",
    severity: "error",
    message: `The compiled route is invalid at ${error.instancePath || "/"}: ${error.message ?? error.keyword}.`,
  };
  if ((collection === "nodes" || collection === "flows") && id) issue.element = id;
  return issue;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
