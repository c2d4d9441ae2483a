/**
 * Test kit: what an integrator tells `describeConnector` / `checkConnectorKit` about a connector — a sample
 * configuration, its secrets, and for each action, inbound handler and failure a recorded provider answer
 * (from the provider's documented contract) with what must come of it.
 */
import type { ActionResult, EngineCommand, InboundRequest, InboundResult } from "../types.ts";
import type { actionContext } from "./context.ts";
import type { StubRequest, StubResponse } from "./http-stub.ts";

/** What the kit's loopback stub answers: one response for every request, a list answered in turn (the last repeats), or a function. */
export type StubAnswer = StubResponse | StubResponse[] | ((request: StubRequest) => StubResponse | Promise<StubResponse>);

/** One call of an action against the stub: the input, the provider's recorded answer, and the expectation. */
export interface ActionCase {
  /** The action's input as the outbox would queue it; validated against the action's inputSchema first. */
  input: Record<string, unknown>;
  /** The provider's answer(s); without one the stub answers 500 (fine for actions that call nothing). */
  respond?: StubAnswer;
  /** Extra options of the action context (`rendered` message, `instance`, `idempotencyKey`, `baseUrl`). */
  context?: Parameters<typeof actionContext>[1];
  /** Assertions (node:assert) over the result and the requests the stub received; throw to fail. */
  expect?: (result: ActionResult, requests: StubRequest[]) => void | Promise<void>;
}

/** A scripted provider failure and what the action must make of it. */
export interface RetryCase {
  /** The provider's answer, or `"unreachable"`: the configuration points at a closed port. */
  respond: StubAnswer | "unreachable";
  /** Whether the outbox should try again (`isRetryable` of the thrown error). */
  retryable: boolean;
  /** The permanent status the error must carry (`failed`, `bounced`, `undelivered`), when given. */
  status?: "failed" | "bounced" | "undelivered";
  /** The input; the action case's input when absent. */
  input?: Record<string, unknown>;
  /** Extra options of the action context. */
  context?: Parameters<typeof actionContext>[1];
}

/** A signed request whose payload is malformed, and the refusal it must get. */
export interface MalformedCase {
  request: InboundRequest;
  /** The HTTP status of the `InboundRejected` (any 4xx when absent). */
  status?: number;
  /** The JSON pointer the refusal must name, when given. */
  pointer?: string;
}

/** One inbound handler: a correctly signed request and what it means, plus requests that must be refused. */
export interface InboundCase {
  /** A request signed as the provider signs it with the sample configuration's secret. */
  good: InboundRequest;
  /** The commands `parse` must return for `good`, or assertions over its whole result. */
  expect: EngineCommand[] | ((result: InboundResult) => void | Promise<void>);
  /** Tampered, unsigned or wrongly signed requests: `verify` must answer false (never throw). */
  bad: InboundRequest[];
  /** Signed requests with a malformed payload: `parse` must throw `InboundRejected` 4xx. */
  malformed?: MalformedCase[];
}

/** The health check against the stub. */
export interface HealthCase {
  /** The provider's answer to the check's request(s); the stub answers 500 without one. */
  respond?: StubAnswer;
  /** The `ok` the check must report. */
  ok: boolean;
}

/** Everything the kit checks about one connector. */
export interface ConnectorKitSpec<Config> {
  /** A valid sample configuration; a function receives the loopback stub's base URL (point `baseUrl` at it). */
  config: Config | ((stubUrl: string) => Config);
  /** JSON pointers of the fields that are secrets (`["/botToken"]`); the schema must mark exactly these with `"x-secret": true`. */
  secrets: string[];
  /** One case per action of the connector (an action without one is reported). */
  actions?: Record<string, ActionCase>;
  /** One case per inbound handler of the connector (a handler without one is reported). */
  inbound?: Record<string, InboundCase>;
  /** Scripted failures per action name. */
  retries?: Record<string, RetryCase[]>;
  health?: HealthCase | HealthCase[];
}

/** A check that did not pass: which one (`config`, `actions.send`, `inbound.updates`, `retries.send[1]`) and why. */
export interface KitFailure {
  check: string;
  message: string;
}
