/**
 * Multi-instance user task over a FEEL collection: a body token (`loop` = {n, i}) at the task and one
 * child token per item (`mi` = {index, item}), all at once (parallel) or one after another (sequential).
 * The body leaves along the success flows when every instance succeeded; a failure or custom outcome of
 * one instance cancels the others and the body leaves along that outcome's flows. An empty collection
 * passes straight through.
 */
import type { UserTaskNode } from "../route.ts";
import type { Token } from "../types.ts";
import type { Run } from "../run.ts";
import { childrenOf, contextOf, newToken, removeToken, replaceToken, take, tokenOf } from "../run.ts";
import { EngineError } from "../errors.ts";
import { evalFeel } from "../feel.ts";
import { cancelBoundaryTimers, cancelScope } from "../cancel.ts";
import { enterStage } from "../stage.ts";
import { armBoundaries } from "./BoundaryEvent.ts";
import { createTask, successFlows, type TaskOutcome } from "./UserTask.ts";

/** Starts a multi-instance task: the body waits, and its first (or every) instance gets a task. */
export function enterMultiInstance(run: Run, token: Token, node: UserTaskNode): void {
  const items = collection(run, token, node);
  if (items.length === 0) return take(run, token, successFlows(run, token, node));
  enterStage(run, node.stage);
  const body: Token = { ...token, loop: { n: items.length, i: 0 } };
  armBoundaries(run, body);
  const count = node.multiInstance?.sequential ? 1 : items.length;
  for (let index = 0; index < count; index++) spawn(run, body, node, index, items[index]);
}

/** Reacts to one instance being completed (its token already removed). */
export function instanceDone(run: Run, child: Token, node: UserTaskNode, outcome: TaskOutcome): void {
  const body = tokenOf(run, child.parent as string);
  const loop = body.loop as { n: number; i: number };
  if (outcome.kind !== "success") return leaveBody(run, body, outcome.flows);
  const next: Token = { ...body, loop: { n: loop.n, i: loop.i + 1 } };
  replaceToken(run, body, next);
  if (next.loop!.i >= loop.n) return leaveBody(run, next, successFlows(run, next, node));
  if (node.multiInstance?.sequential) {
    spawn(run, next, node, next.loop!.i, collection(run, next, node)[next.loop!.i]);
  } else if (childrenOf(run, next.id).length === 0) {
    leaveBody(run, next, successFlows(run, next, node));
  }
}

function leaveBody(run: Run, body: Token, flows: string[]): void {
  cancelScope(run, body.id, "cancelled");
  removeToken(run, body);
  cancelBoundaryTimers(run, body);
  take(run, body, flows);
}

function spawn(run: Run, body: Token, node: UserTaskNode, index: number, item: unknown): void {
  const child: Token = { ...newToken(run, node.id, body.id), mi: { index, item } };
  run.snap.tokens.push(child);
  createTask(run, child, node);
}

function collection(run: Run, token: Token, node: UserTaskNode): unknown[] {
  const expression = node.multiInstance?.collection ?? "";
  const value = evalFeel(expression, contextOf(run, token), node.id);
  if (!Array.isArray(value)) {
    throw new EngineError("expression", `The collection "${expression}" of task "${node.name ?? node.id}" is not a list.`, node.id);
  }
  return value;
}
