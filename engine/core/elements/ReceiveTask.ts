/**
 * Receive task: waits for a named message (delivered by MessageEvent.ts), with its boundary events armed.
 */
import type { ReceiveTaskNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { armBoundaries } from "./BoundaryEvent.ts";

/** Waits for the task's message. */
export const enterReceiveTask: Enter<ReceiveTaskNode> = (run, token) => armBoundaries(run, token);
