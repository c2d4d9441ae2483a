/**
 * Parallel gateway: forks along every outgoing flow; with several incoming flows it joins, firing once
 * every incoming flow has an arrival in the same scope instance (one arrival per flow is consumed).
 */
import type { GatewayNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { leave, scopeKey } from "../run.ts";
import { allArrived, arrive, consume, joinKey } from "./joins.ts";

/** Joins (when it has several incoming flows) and forks. */
export const enterParallelGateway: Enter<GatewayNode> = (run, token, node, via) => {
  if (node.incoming.length > 1 && via !== undefined) {
    const key = joinKey(node.id, scopeKey(token));
    if (!allArrived(node, arrive(run, key, via))) return;
    consume(run, key, node);
  }
  leave(run, token);
};
