import type { LintConfig, LintResolver, LintRule, LintRuleFactory } from "bpmnlint";
import conditionalFlows from "bpmnlint/rules/conditional-flows.js";
import endEventRequired from "bpmnlint/rules/end-event-required.js";
import eventBasedGateway from "bpmnlint/rules/event-based-gateway.js";
import fakeJoin from "bpmnlint/rules/fake-join.js";
import linkEvent from "bpmnlint/rules/link-event.js";
import noBpmndi from "bpmnlint/rules/no-bpmndi.js";
import noDisconnected from "bpmnlint/rules/no-disconnected.js";
import noDuplicateSequenceFlows from "bpmnlint/rules/no-duplicate-sequence-flows.js";
import noGatewayJoinFork from "bpmnlint/rules/no-gateway-join-fork.js";
import noImplicitSplit from "bpmnlint/rules/no-implicit-split.js";
import noImplicitStart from "bpmnlint/rules/no-implicit-start.js";
import startEventRequired from "bpmnlint/rules/start-event-required.js";
import subProcessBlankStartEvent from "bpmnlint/rules/sub-process-blank-start-event.js";
import superfluousGateway from "bpmnlint/rules/superfluous-gateway.js";
import { isAny } from "../bpmn.ts";
import { endOutcome } from "./end-outcome.ts";
import { everyPathEnds } from "./every-path-ends.ts";
import { failureEndsLost } from "./failure-ends-lost.ts";
import { failureOutcome } from "./failure-outcome.ts";
import { laneIsRole } from "./lane-is-role.ts";
import { noUnsupported } from "./no-unsupported.ts";
import { stageExists } from "./stage-exists.ts";

/** Which rules run: `route` = everything a published order route must satisfy; `engine` = only what execution needs. */
export type LintProfile = "route" | "engine" | "designer";

const BUILT_IN: Record<string, LintRuleFactory> = {
  "start-event-required": startEventRequired,
  "end-event-required": endEventRequired,
  "no-disconnected": noDisconnected,
  "no-duplicate-sequence-flows": noDuplicateSequenceFlows,
  "sub-process-blank-start-event": subProcessBlankStartEvent,
  "link-event": linkEvent,
  "event-based-gateway": eventBasedGateway,
  "conditional-flows": conditionalFlows,
  "no-implicit-split": noImplicitSplit,
  "fake-join": fakeJoin,
  "no-gateway-join-fork": noGatewayJoinFork,
  "superfluous-gateway": superfluousGateway,
  "no-implicit-start": noImplicitStart,
  "no-bpmndi": noBpmndi,
};

/** Our bpmnlint plugin (`bpmnlint-plugin-order-routes`): one rule per file in engine/model/lint/. */
export const orderRoutesRules: Record<string, LintRuleFactory> = {
  "lane-is-role": laneIsRole,
  "failure-ends-lost": failureEndsLost,
  "failure-outcome": failureOutcome,
  "every-path-ends": everyPathEnds,
  "end-outcome": endOutcome,
  "stage-exists": stageExists,
  "no-unsupported": noUnsupported,
};

// Execution does not need a start event (a scope without one starts at its elements no flow enters,
// BPMN 2.0 §10.5.2; the compiler refuses a scope with nowhere to start); a published order route does.
const ENGINE_RULES: LintConfig["rules"] = {
  "bpmnlint/start-event-required": "warn",
  "bpmnlint/no-duplicate-sequence-flows": "warn",
  "bpmnlint/sub-process-blank-start-event": "error",
  "bpmnlint/link-event": "error",
  "bpmnlint/event-based-gateway": "error",
  "bpmnlint/end-event-required": "warn",
  "bpmnlint/no-disconnected": "warn",
  "bpmnlint/conditional-flows": "warn",
  "bpmnlint/no-implicit-split": "warn",
  "bpmnlint/fake-join": "warn",
  "bpmnlint/no-gateway-join-fork": "warn",
  "bpmnlint/superfluous-gateway": "warn",
  "bpmnlint/no-implicit-start": "warn",
  "order-routes/stage-exists": "error",
};

const ROUTE_RULES: LintConfig["rules"] = {
  ...ENGINE_RULES,
  "bpmnlint/start-event-required": "error",
  "bpmnlint/end-event-required": "error",
  "bpmnlint/no-duplicate-sequence-flows": "error",
  "bpmnlint/no-disconnected": "error",
  "bpmnlint/conditional-flows": "error",
  "bpmnlint/no-bpmndi": "warn",
  "order-routes/lane-is-role": "error",
  "order-routes/failure-ends-lost": "error",
  "order-routes/every-path-ends": "error",
  "order-routes/end-outcome": "error",
  "order-routes/failure-outcome": "warn",
};

/** The bpmnlint config of a profile; `designer` adds `no-unsupported`, which the compiler covers otherwise. */
export function lintConfig(profile: LintProfile = "route"): LintConfig {
  if (profile === "engine") return { rules: { ...ENGINE_RULES } };
  if (profile === "designer") return { rules: { ...ROUTE_RULES, "order-routes/no-unsupported": "error" } };
  return { rules: { ...ROUTE_RULES } };
}

/** A static bpmnlint resolver for the built-in rules we use and our plugin: no files on disk needed. */
export const lintResolver: LintResolver = {
  resolveRule(pkg: string, ruleName: string): LintRuleFactory {
    const factory = pkg === "bpmnlint" ? BUILT_IN[ruleName] : pkg === "bpmnlint-plugin-order-routes" ? orderRoutesRules[ruleName] : undefined;
    if (!factory) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
    return factory;
  },
  resolveConfig(pkg: string, configName: string): unknown {
    throw new Error(`unknown config <${pkg}/${configName}>`);
  },
};

/** What bpmn-js-bpmnlint needs in the designer: `linting: { bpmnlint: designerLinting() }`. */
export function designerLinting(): { config: LintConfig; resolver: LintResolver } {
  return { config: lintConfig("designer"), resolver: lintResolver };
}

const OUTCOME_AWARE = ["no-implicit-split", "conditional-flows"];

/** Adapt built-in rules to our semantics: flows leaving a user task are outcome buttons, not a split on conditions. */
export function transformRule(rule: LintRule, options: { pkg: string; ruleName: string }): LintRule {
  if (options.pkg !== "bpmnlint" || !OUTCOME_AWARE.includes(options.ruleName) || typeof rule.check !== "function") return rule;
  const check = rule.check;
  return { ...rule, check: (node, reporter) => (isAny(node, ["bpmn:UserTask", "bpmn:ManualTask"]) ? undefined : check(node, reporter)) };
}
