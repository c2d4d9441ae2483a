/**
 * Test kit: an inbound handler as the webhook route calls it — the signed request verifies and parses to the
 * expected commands, every tampered request is refused by `verify` (false, never a throw: the engine answers a
 * throw with a server error, not 401), and a signed but malformed payload is refused with 4xx.
 */
import { isDeepStrictEqual } from "node:util";
import { InboundRejected } from "../errors.ts";
import type { Connector, InboundContext, InboundRequest, InboundResult } from "../types.ts";
import { inboundContext } from "./context.ts";
import { sampleConfig } from "./config-checks.ts";
import type { ConnectorKitSpec, InboundCase, KitFailure } from "./kit-spec.ts";

/** Failures of one inbound handler's case. */
export async function inboundFailures(connector: Connector<any>, spec: ConnectorKitSpec<unknown>, name: string, testCase: InboundCase): Promise<KitFailure[]> {
  const check = `inbound.${name}`;
  const handler = connector.inbound![name];
  const ctx = inboundContext(sampleConfig(connector, spec));
  const failures: string[] = [];

  const verified = await verify(handler.verify, testCase.good, ctx);
  if (verified !== true) failures.push(`the good request does not verify (${verified}); sign it with the sample configuration's secret.`);
  else failures.push(...(await goodProblems(handler.parse, testCase, ctx)));

  for (const [index, request] of testCase.bad.entries()) {
    const answer = await verify(handler.verify, request, ctx);
    if (answer !== false) failures.push(`bad[${index}] was not refused by verify: it answered ${answer}; a tampered or unsigned request must give false.`);
  }

  for (const [index, malformed] of (testCase.malformed ?? []).entries()) {
    const where = `malformed[${index}]`;
    const answer = await verify(handler.verify, malformed.request, ctx);
    if (answer !== true) {
      failures.push(`${where} does not verify (${answer}); sign the malformed payload so that parse is reached.`);
      continue;
    }
    const error = await Promise.resolve()
      .then(() => handler.parse(malformed.request, ctx))
      .then((result) => ({ parsed: result }), (e: unknown) => e);
    if (!(error instanceof InboundRejected)) failures.push(`${where} was not refused with InboundRejected: ${error instanceof Error ? `${error.name}: ${error.message}` : `parse returned ${JSON.stringify((error as { parsed: unknown }).parsed)}`}.`);
    else if (malformed.status !== undefined ? error.status !== malformed.status : error.status < 400 || error.status > 499) failures.push(`${where} was refused with ${error.status}; expected ${malformed.status ?? "a 4xx"}.`);
    else if (malformed.pointer !== undefined && error.pointer !== malformed.pointer) failures.push(`${where} was refused naming ${JSON.stringify(error.pointer)}; expected "${malformed.pointer}".`);
  }
  return failures.map((message) => ({ check, message }));
}

async function goodProblems(parse: (request: InboundRequest, ctx: InboundContext<unknown>) => InboundResult | Promise<InboundResult>, testCase: InboundCase, ctx: InboundContext<unknown>): Promise<string[]> {
  let result: InboundResult;
  try {
    result = await parse(testCase.good, ctx);
  } catch (error) {
    return [`parse refused the good request: ${(error as Error).message}`];
  }
  if (!Array.isArray(result?.commands)) return ["parse returned no commands array."];
  try {
    if (typeof testCase.expect === "function") await testCase.expect(result);
    else if (!isDeepStrictEqual(result.commands, testCase.expect)) return [`the good request parsed to ${JSON.stringify(result.commands)}; expected ${JSON.stringify(testCase.expect)}.`];
  } catch (error) {
    return [`the expectation failed: ${(error as Error).message}`];
  }
  return [];
}

/** What verify answered: true, false, another value, or "threw …". */
async function verify(fn: (request: InboundRequest, ctx: InboundContext<unknown>) => boolean | Promise<boolean>, request: InboundRequest, ctx: InboundContext<unknown>): Promise<unknown> {
  try {
    return await fn(request, ctx);
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}
