/**
 * Task without a type (`bpmn:Task`): it does no work and never waits, so a token passes straight through.
 */
import type { TaskNode } from "../route.ts";
import type { Enter } from "./Behavior.ts";
import { leave } from "../run.ts";

/** Passes the token along the task's outgoing flows. */
export const enterTask: Enter<TaskNode> = (run, token) => leave(run, token);
