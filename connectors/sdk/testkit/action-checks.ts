/**
 * Test kit: actions and health checks called as the outbox dispatcher calls them, against a loopback HTTP
 * stub answering the provider's recorded responses — the input checked against the action's schema first,
 * the session opened when the connector has one, and each scripted failure classified retryable or not.
 */
import { validateConfig } from "../config.ts";
import { ConnectorError, isRetryable } from "../errors.ts";
import type { ActionResult, Connector } from "../types.ts";
import { actionContext, sessionContext } from "./context.ts";
import { startHttpStub, type HttpStub, type StubRequest, type StubResponse } from "./http-stub.ts";
import { sampleConfig } from "./config-checks.ts";
import type { ActionCase, ConnectorKitSpec, HealthCase, KitFailure, RetryCase, StubAnswer } from "./kit-spec.ts";

const NO_ANSWER: StubResponse = { status: 500, body: "The kit's stub has no recorded response for this request." };

/** Failures of one action case: the input must match the schema, the call succeed, and the expectation hold. */
export async function actionFailures(connector: Connector<any>, spec: ConnectorKitSpec<unknown>, name: string, testCase: ActionCase): Promise<KitFailure[]> {
  const check = `actions.${name}`;
  const action = connector.actions[name];
  const input = structuredClone(testCase.input);
  const valid = validateConfig(action.inputSchema, input);
  if (!valid.ok) return [{ check, message: `the input does not match the action's inputSchema (the outbox would refuse it): ${valid.errors.map((e) => `${e.pointer} ${e.message}`).join("; ")}.` }];
  return withStub(testCase.respond ?? NO_ANSWER, async (stub) => {
    let result: ActionResult;
    try {
      result = await run(connector, spec, name, input, stub.url, testCase.context);
    } catch (error) {
      return [{ check, message: `the action threw ${describe(error)} for the recorded response.` }];
    }
    if (result?.status !== "sent" && result?.status !== "delivered") return [{ check, message: `the action returned status ${JSON.stringify(result?.status)}; expected "sent" or "delivered".` }];
    try {
      await testCase.expect?.(result, stub.requests);
    } catch (error) {
      return [{ check, message: `the expectation failed: ${(error as Error).message}` }];
    }
    return [];
  });
}

/** Failures of the scripted provider failures of one action: each must throw a ConnectorError of the expected kind. */
export async function retryFailures(connector: Connector<any>, spec: ConnectorKitSpec<unknown>, name: string, cases: RetryCase[]): Promise<KitFailure[]> {
  const failures: KitFailure[] = [];
  for (const [index, retry] of cases.entries()) {
    const check = `retries.${name}[${index}]`;
    const input = retry.input ?? spec.actions?.[name]?.input;
    if (!input) {
      failures.push({ check, message: `no input: give the retry case one or add actions["${name}"].` });
      continue;
    }
    const outcome = await withStub(retry.respond === "unreachable" ? NO_ANSWER : retry.respond, async (stub) => {
      const url = retry.respond === "unreachable" ? await closedUrl() : stub.url;
      return run(connector, spec, name, structuredClone(input), url, retry.context ?? spec.actions?.[name]?.context).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
    });
    const what = retry.respond === "unreachable" ? "an unreachable provider" : `the answer ${summary(retry.respond)}`;
    if (!("error" in outcome)) failures.push({ check, message: `the action succeeded (${JSON.stringify(outcome.result)}) on ${what}; expected a ConnectorError.` });
    else if (!(outcome.error instanceof ConnectorError)) failures.push({ check, message: `the action threw ${describe(outcome.error)} on ${what}; throw a ConnectorError saying whether a retry can help.` });
    else if (isRetryable(outcome.error) !== retry.retryable) failures.push({ check, message: `the ConnectorError on ${what} is ${retry.retryable ? "permanent" : "retryable"}; expected ${retry.retryable ? "retryable" : "permanent"} (${outcome.error.message}).` });
    else if (retry.status && outcome.error.status !== retry.status) failures.push({ check, message: `the ConnectorError on ${what} has status ${JSON.stringify(outcome.error.status)}; expected "${retry.status}".` });
  }
  return failures;
}

/** Failures of the health check against the stub. */
export async function healthFailures(connector: Connector<any>, spec: ConnectorKitSpec<unknown>, cases: HealthCase[]): Promise<KitFailure[]> {
  if (!connector.health) return [{ check: "health", message: "the spec has health cases but the connector has no health check." }];
  const failures: KitFailure[] = [];
  for (const [index, health] of cases.entries()) {
    const check = `health[${index}]`;
    const outcome = await withStub(health.respond ?? NO_ANSWER, async (stub) => {
      const config = sampleConfig(connector, spec, stub.url);
      return withSession(connector, config, (session) => connector.health!({ config, instance: "test", session, signal: AbortSignal.timeout(10_000) })).catch((error: unknown) => ({
        ok: undefined,
        detail: `threw ${describe(error)}`,
      }));
    });
    if (outcome.ok !== health.ok) failures.push({ check, message: `the health check reported ok ${outcome.ok} (${outcome.detail}); expected ${health.ok}.` });
    else if (typeof outcome.detail !== "string" || outcome.detail === "") failures.push({ check, message: "the health check gave no detail for the admin page." });
  }
  return failures;
}

/** Calls an action as the dispatcher does: the configuration pointed at the stub, the session opened first when the connector has one. */
async function run(connector: Connector<any>, spec: ConnectorKitSpec<unknown>, name: string, input: Record<string, unknown>, url: string, options: ActionCase["context"]): Promise<ActionResult> {
  const config = sampleConfig(connector, spec, url);
  return withSession(connector, config, (session) => connector.actions[name].run(input, actionContext(config, { session, ...options })));
}

async function withSession<T>(connector: Connector<any>, config: unknown, use: (session: unknown) => Promise<T>): Promise<T> {
  const session = connector.open ? await connector.open(sessionContext(config)) : undefined;
  try {
    return await use(session);
  } finally {
    await session?.close();
  }
}

async function withStub<T>(answer: StubAnswer, use: (stub: HttpStub) => Promise<T>): Promise<T> {
  let turn = 0;
  const stub = await startHttpStub((request: StubRequest) => {
    if (typeof answer === "function") return answer(request);
    if (!Array.isArray(answer)) return answer;
    return answer[Math.min(turn++, answer.length - 1)] ?? NO_ANSWER;
  });
  try {
    return await use(stub);
  } finally {
    await stub.close();
  }
}

/** The URL of a port nothing listens on (a stub started and closed). */
async function closedUrl(): Promise<string> {
  const stub = await startHttpStub(() => NO_ANSWER);
  await stub.close();
  return stub.url;
}

function summary(answer: StubAnswer): string {
  if (typeof answer === "function") return "of the respond function";
  return (Array.isArray(answer) ? answer : [answer]).map((a) => `HTTP ${a.status}`).join(", then ");
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
