/**
 * Join arrivals of parallel and inclusive gateways, kept in the snapshot under `gatewayId@scope`
 * as the list of incoming flow ids arrived (with repeats), so that arrivals outlive the transition.
 */
import type { GatewayNode } from "../route.ts";
import type { Snapshot } from "../types.ts";
import type { Run } from "../run.ts";

/** Key of a gateway's arrivals in a scope instance. */
export function joinKey(gateway: string, scope: string): string {
  return `${gateway}@${scope}`;
}

/** Records that a token arrived at a join along `flow`; returns the arrivals so far. */
export function arrive(run: Run, key: string, flow: string): string[] {
  const joins = (run.snap.joins ??= {});
  const arrivals = (joins[key] ??= []);
  arrivals.push(flow);
  return arrivals;
}

/** Whether every incoming flow of the gateway has at least one arrival. */
export function allArrived(gateway: GatewayNode, arrivals: readonly string[]): boolean {
  return gateway.incoming.every((f) => arrivals.includes(f));
}

/** Consumes one arrival per incoming flow that has one. */
export function consume(run: Run, key: string, gateway: GatewayNode): void {
  const joins = run.snap.joins;
  const arrivals = joins?.[key];
  if (!joins || !arrivals) return;
  for (const f of gateway.incoming) {
    const i = arrivals.indexOf(f);
    if (i >= 0) arrivals.splice(i, 1);
  }
  if (arrivals.length === 0) delete joins[key];
  if (Object.keys(joins).length === 0) delete run.snap.joins;
}

/** Whether join arrivals wait for other incoming flows, in scope instance `scope` or (without it) anywhere. */
export function hasJoinArrivals(snap: Snapshot, scope?: string): boolean {
  return Object.entries(snap.joins ?? {}).some(([key, arrivals]) => arrivals.length > 0 && (scope === undefined || key.endsWith(`@${scope}`)));
}
