/**
 * Event-based gateway: the token waits at the gateway; the timers of the timer catch events after it are
 * scheduled (keyed by the gateway token and the catch event id); the first message or timer to arrive
 * wins, the other timers are cancelled and the token leaves along the winning event's outgoing flows.
 */
import type { GatewayNode, RouteNode } from "../route.ts";
import type { Token } from "../types.ts";
import type { Enter } from "./Behavior.ts";
import type { Run } from "../run.ts";
import { emit, removeToken, take, wait } from "../run.ts";
import { nodeOf } from "../graph.ts";
import { ownTimers } from "../cancel.ts";
import { scheduleTimer } from "./scheduleTimer.ts";

/** Waits at the gateway and schedules the timers of its timer targets. */
export const enterEventBasedGateway: Enter<GatewayNode> = (run, token, node) => {
  let waiting = token;
  for (const target of targets(run, node)) {
    if (target.type === "intermediateCatchEvent" && target.trigger.kind === "timer") {
      waiting = scheduleTimer(run, waiting, target.id, target.trigger.timer);
    }
  }
  wait(run, waiting);
};

/** The target of a waiting gateway token that catches message `name`. */
export function messageTarget(run: Run, token: Token, name: string): RouteNode | undefined {
  const node = nodeOf(run.route, token.el);
  if (node.type !== "eventBasedGateway") return undefined;
  return targets(run, node).find(
    (t) => (t.type === "intermediateCatchEvent" && t.trigger.kind === "message" && t.trigger.message === name) || (t.type === "receiveTask" && t.message === name),
  );
}

/** Whether `timer` is a timer target of the gateway a token waits at. */
export function isTimerTarget(run: Run, token: Token, timer: string): boolean {
  const node = nodeOf(run.route, token.el);
  return node.type === "eventBasedGateway" && ownTimers(run, token).includes(timer);
}

/** The event `winner` happened: cancel the other targets' timers and leave along the winner's flows. */
export function win(run: Run, token: Token, winner: RouteNode, firedTimer?: string): void {
  removeToken(run, token);
  for (const timer of ownTimers(run, token)) {
    if (timer !== firedTimer) emit(run, { type: "timer.cancel", token: token.id, timer });
  }
  take(run, token, winner.outgoing);
}

function targets(run: Run, node: GatewayNode): RouteNode[] {
  return node.outgoing.map((f) => nodeOf(run.route, run.route.flows[f]?.target ?? f));
}
