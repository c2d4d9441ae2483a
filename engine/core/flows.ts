/**
 * Choosing outgoing sequence flows: conditions (FEEL), defaults and the outcome buttons of user tasks.
 */
import type { GatewayNode, OutcomeSpec, RouteFlow } from "./route.ts";
import type { Token } from "./types.ts";
import type { Run } from "./run.ts";
import { contextOf } from "./run.ts";
import { EngineError } from "./errors.ts";
import { feelCondition, type FeelContext } from "./feel.ts";
import { flowOf } from "./graph.ts";

const DONE: OutcomeSpec = { kind: "success", label: "Done" };

/** The outcome button a flow leaving a user task stands for; a flow without one is a success "Done". */
export function outcomeOf(flow: RouteFlow): OutcomeSpec {
  return flow.outcome ?? DONE;
}

/** The flows among `flows` whose condition holds for the token (a flow without a condition always holds). */
export function holding(run: Run, token: Token, flows: readonly string[]): string[] {
  const test = tester(run, token);
  return flows.filter(test);
}

/** Flows a gateway takes: the first (exclusive) or all (inclusive) holding non-default flows, else the default; throws `no_path`. */
export function choose(run: Run, token: Token, gateway: GatewayNode, mode: "first" | "all"): string[] {
  const candidates = gateway.outgoing.filter((f) => f !== gateway.default);
  const chosen = mode === "first" ? firstHolding(run, token, candidates) : holding(run, token, candidates);
  if (chosen.length > 0) return chosen;
  if (gateway.default) return [gateway.default];
  throw new EngineError("no_path", `No outgoing flow of gateway "${gateway.name ?? gateway.id}" holds and it has no default flow.`, gateway.id);
}

function firstHolding(run: Run, token: Token, flows: readonly string[]): string[] {
  const first = flows.find(tester(run, token));
  return first === undefined ? [] : [first];
}

/** A test of a flow's condition for a token (the FEEL context is built once, when first needed). */
function tester(run: Run, token: Token): (id: string) => boolean {
  let context: FeelContext | undefined;
  return (id) => {
    const flow = flowOf(run.route, id);
    if (flow.condition === undefined || flow.condition.trim() === "") return true;
    context ??= contextOf(run, token);
    return feelCondition(flow.condition, context, flow.id);
  };
}
