/** bpmnlint ships no types for its entry points; this is the part we use. */
declare module "bpmnlint" {
  export interface LintReport {
    id?: string;
    message: string;
    category: "off" | "warn" | "error" | "info" | "rule-error";
    [key: string]: unknown;
  }
  export interface LintReporter {
    report(id: string | undefined, message: string, path?: string[] | Record<string, unknown>): void;
  }
  export interface LintRule {
    meta?: { documentation?: { url?: string } };
    check:
      | ((node: any, reporter: LintReporter) => boolean | void)
      | { enter?: (node: any, reporter: LintReporter) => boolean | void; leave?: (node: any, reporter: LintReporter) => void };
  }
  export type LintRuleFactory = (config?: unknown) => LintRule;
  export interface LintResolver {
    resolveRule(pkg: string, ruleName: string): LintRuleFactory | Promise<LintRuleFactory>;
    resolveConfig(pkg: string, configName: string): unknown;
  }
  export interface LintConfig {
    extends?: string | string[];
    rules?: Record<string, string | number | [string | number, unknown?]>;
  }
  export class Linter {
    constructor(options: {
      config?: LintConfig;
      resolver: LintResolver;
      transformRule?: (rule: LintRule, options: { pkg: string; ruleName: string }) => LintRule;
    });
    lint(root: unknown, config?: LintConfig): Promise<Record<string, LintReport[]>>;
  }
}

declare module "bpmnlint/rules/*.js" {
  const factory: import("bpmnlint").LintRuleFactory;
  export default factory;
}
