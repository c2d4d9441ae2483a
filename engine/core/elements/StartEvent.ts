/**
 * Start event: a token created at it moves on at once (the trigger already happened).
 */
import type { StartEventNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { leave } from "../run.ts";

/** Passes the token along the start event's outgoing flows. */
export const enterStartEvent: Enter<StartEventNode> = (run, token) => leave(run, token);
