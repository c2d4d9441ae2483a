/**
 * Intermediate events. Catch: a message catch waits for its message, a timer catch waits for its timer
 * (`timer.schedule` keyed by token and event id), a link catch passes through. Throw: a link throw jumps to
 * the link catch of the same name in its scope; any other throw event passes through.
 */
import type { IntermediateEventNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { leave } from "../run.ts";
import { EngineError } from "../errors.ts";
import { linkCatch } from "../graph.ts";
import { armBoundaries } from "./BoundaryEvent.ts";
import { scheduleTimer } from "./scheduleTimer.ts";

/** Waits (message, timer), jumps (link throw) or passes through. */
export const enterIntermediateEvent: Enter<IntermediateEventNode> = (run, token, node) => {
  const trigger = node.trigger;
  if (node.type === "intermediateThrowEvent") {
    if (trigger.kind !== "link") return leave(run, token);
    const target = linkCatch(run.route, node.scope, trigger.link);
    if (!target) throw new EngineError("invalid_route", `No link catch event "${trigger.link}" for "${node.id}".`, node.id);
    run.queue.push({ token: { ...token, el: target } });
    return;
  }
  if (trigger.kind === "message") return armBoundaries(run, token);
  if (trigger.kind === "timer") return armBoundaries(run, scheduleTimer(run, token, node.id, trigger.timer));
  leave(run, token);
};
