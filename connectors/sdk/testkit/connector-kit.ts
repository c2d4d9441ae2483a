/**
 * The connector test kit: `describeConnector(connector, spec)` registers one node:test subtest per check
 * (definition, config, each action, each inbound handler, each action's retries, health);
 * `checkConnectorKit(connector, spec)` runs the same checks without node:test and returns the failures.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Connector } from "../types.ts";
import { actionFailures, healthFailures, retryFailures } from "./action-checks.ts";
import { configFailures } from "./config-checks.ts";
import { definitionFailures } from "./definition-checks.ts";
import { inboundFailures } from "./inbound-checks.ts";
import type { ConnectorKitSpec, KitFailure } from "./kit-spec.ts";

/** One named check of the kit. */
export interface KitCheck {
  /** `definition`, `config`, `actions.<name>`, `inbound.<name>`, `retries.<name>`, `health`. */
  name: string;
  run(): Promise<KitFailure[]>;
}

/** The checks the kit runs for a connector and its spec, in order (the definition first: the others assume it is sound). */
export function kitChecks<Config>(connector: Connector<Config>, spec: ConnectorKitSpec<Config>): KitCheck[] {
  const c = connector as Connector<any>;
  const s = spec as ConnectorKitSpec<unknown>;
  const checks: KitCheck[] = [
    { name: "definition", run: async () => definitionFailures(c, s) },
    { name: "config", run: async () => configFailures(c, s) },
  ];
  for (const [name, testCase] of Object.entries(spec.actions ?? {})) {
    if (c.actions[name]) checks.push({ name: `actions.${name}`, run: () => actionFailures(c, s, name, testCase) });
  }
  for (const [name, testCase] of Object.entries(spec.inbound ?? {})) {
    if (c.inbound?.[name]) checks.push({ name: `inbound.${name}`, run: () => inboundFailures(c, s, name, testCase) });
  }
  for (const [name, cases] of Object.entries(spec.retries ?? {})) {
    if (c.actions[name]) checks.push({ name: `retries.${name}`, run: () => retryFailures(c, s, name, cases) });
  }
  if (spec.health) checks.push({ name: "health", run: () => healthFailures(c, s, [spec.health!].flat()) });
  return checks;
}

/** Runs every check of the kit and returns what failed (empty when the connector passes); a check that crashes is a failure too. */
export async function checkConnectorKit<Config>(connector: Connector<Config>, spec: ConnectorKitSpec<Config>): Promise<KitFailure[]> {
  const failures: KitFailure[] = [];
  for (const check of kitChecks(connector, spec)) failures.push(...(await runCheck(check)));
  return failures;
}

/** Registers a node:test suite named after the connector with one subtest per kit check; each fails listing its failures. */
export function describeConnector<Config>(connector: Connector<Config>, spec: ConnectorKitSpec<Config>): void {
  describe(`connector kit: ${connector.id}`, () => {
    for (const check of kitChecks(connector, spec)) {
      it(`should pass the ${check.name} check`, async () => {
        const failures = await runCheck(check);
        assert.equal(failures.length, 0, formatFailures(failures));
      });
    }
  });
}

/** The failures as lines `check: message`, for an assertion message. */
export function formatFailures(failures: KitFailure[]): string {
  return failures.map((failure) => `${failure.check}: ${failure.message}`).join("\n");
}

async function runCheck(check: KitCheck): Promise<KitFailure[]> {
  try {
    return await check.run();
  } catch (error) {
    return [{ check: check.name, message: `the check crashed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` }];
  }
}
