/**
 * Exclusive gateway: the first outgoing flow (document order) whose condition holds, else the default
 * flow, else EngineError `no_path`. Several incoming flows merge without waiting.
 */
import type { GatewayNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { take } from "../run.ts";
import { choose } from "../flows.ts";

/** Routes the token along one flow. */
export const enterExclusiveGateway: Enter<GatewayNode> = (run, token, node) => take(run, token, choose(run, token, node, "first"));
