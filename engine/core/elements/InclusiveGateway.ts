/**
 * Inclusive gateway: forks along every outgoing flow whose condition holds (else the default, else
 * `no_path`). With several incoming flows it joins: arrivals wait until no other token of the same scope
 * instance (nor a pending arrival at another join) can still reach the gateway; then it fires once.
 * Pending joins are re-checked whenever the transition's tokens come to rest.
 */
import type { GatewayNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import type { Run } from "../run.ts";
import { newToken, scopeKey, take } from "../run.ts";
import { canReach, nodeOf } from "../graph.ts";
import { choose } from "../flows.ts";
import { arrive, consume, joinKey } from "./joins.ts";

/** Forks, or records a join arrival to be fired by `fireReadyJoins`. */
export const enterInclusiveGateway: Enter<GatewayNode> = (run, token, node, via) => {
  if (node.incoming.length > 1 && via !== undefined) {
    arrive(run, joinKey(node.id, scopeKey(token)), via);
    return;
  }
  take(run, token, choose(run, token, node, "all"));
};

/** Fires every inclusive join that no live token can reach any more; true when one fired. */
export function fireReadyJoins(run: Run): boolean {
  const joins = run.snap.joins;
  if (!joins) return false;
  for (const key of Object.keys(joins)) {
    const at = key.lastIndexOf("@");
    const gateway = nodeOf(run.route, key.slice(0, at));
    const scope = key.slice(at + 1);
    if (gateway.type !== "inclusiveGateway" || joins[key].length === 0 || reachable(run, key, gateway.id, scope)) continue;
    consume(run, key, gateway);
    const token = newToken(run, gateway.id, scope === "main" ? undefined : scope);
    take(run, token, choose(run, token, gateway, "all"));
    return true;
  }
  return false;
}

function reachable(run: Run, key: string, gateway: string, scope: string): boolean {
  for (const t of run.snap.tokens) {
    if (scopeKey(t) === scope && canReach(run.route, t.el, gateway)) return true;
  }
  for (const [other, arrivals] of Object.entries(run.snap.joins ?? {})) {
    if (other === key || arrivals.length === 0 || !other.endsWith(`@${scope}`)) continue;
    if (canReach(run.route, other.slice(0, other.lastIndexOf("@")), gateway)) return true;
  }
  return false;
}
