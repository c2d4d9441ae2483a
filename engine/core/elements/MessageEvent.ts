/**
 * `message`: delivered to the first waiting catcher with that name, in token order: a receive task, an
 * intermediate message catch, a message target of an event-based gateway, or a message boundary event of
 * a waiting activity. The payload is merged into the deal's variables. No catcher → EngineError `no_match`.
 */
import type { EngineEvent, Token } from "../types.ts";
import type { Run } from "../run.ts";
import { leave, removeToken } from "../run.ts";
import { EngineError } from "../errors.ts";
import { nodeOf } from "../graph.ts";
import { cancelBoundaryTimers } from "../cancel.ts";
import { messageBoundary, triggerBoundary } from "./BoundaryEvent.ts";
import { messageTarget, win } from "./EventBasedGateway.ts";

/** Handles `message`. */
export function deliverMessage(run: Run, event: Extract<EngineEvent, { type: "message" }>): void {
  for (const token of run.snap.tokens) {
    if (catches(run, token, event.name)) {
      accept(run, event);
      removeToken(run, token);
      cancelBoundaryTimers(run, token);
      return leave(run, token);
    }
    const target = messageTarget(run, token, event.name);
    if (target) {
      accept(run, event);
      return win(run, token, target);
    }
    const boundary = messageBoundary(run, token, event.name);
    if (boundary) {
      accept(run, event);
      return triggerBoundary(run, token, boundary);
    }
  }
  throw new EngineError("no_match", `Nothing in the deal waits for message "${event.name}".`);
}

/** Whether a waiting token is itself a catcher (receive task or message catch event) of message `name`. */
function catches(run: Run, token: Token, name: string): boolean {
  const node = nodeOf(run.route, token.el);
  if (node.type === "receiveTask") return node.message === name;
  return node.type === "intermediateCatchEvent" && node.trigger.kind === "message" && node.trigger.message === name;
}

function accept(run: Run, event: Extract<EngineEvent, { type: "message" }>): void {
  if (event.payload) run.snap.vars = { ...run.snap.vars, ...event.payload };
}
