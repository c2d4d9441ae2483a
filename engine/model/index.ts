/** engine/model: BPMN XML → a typed, validated Route; lint rules; order validation. */
export { compileRoute, lintRoute, type CompileOptions } from "./compile.ts";
export { parseBpmn } from "./parse.ts";
export { compileDefinitions } from "./compile-route.ts";
export { validateRouteSchema } from "./schema.ts";
export { lintDefinitions } from "./lint/lint.ts";
export { designerLinting, lintConfig, lintResolver, orderRoutesRules, type LintProfile } from "./lint/plugin.ts";
export { createModdle, orderRoutesDescriptor } from "./moddle.ts";
export { validateOrder } from "./order.ts";
export { unsupportedReason } from "./support.ts";
export type { CompileResult, RouteIssue } from "./types.ts";
