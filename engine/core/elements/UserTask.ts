/**
 * User and manual tasks: a task for a role that waits until someone completes it with an outcome.
 *
 * Lifecycle: token enters → `stage.change` (when the task's stage differs) → `task.create` (key = token id)
 * → boundary timers scheduled → `task.complete` with `success` (success or unmarked flows whose condition
 * holds), `failure` (failure flows; reason required; recorded on the deal) or a custom flow id → boundary
 * timers cancelled → the token leaves. A multi-instance task is handled by MultiInstance.ts.
 */
import type { UserTaskNode } from "../route.ts";
import type { EngineEvent, Token } from "../types.ts";
import type { Enter } from "./Behavior.ts";
import type { Run } from "../run.ts";
import { emit, localVars, removeToken, take, tokenOf } from "../run.ts";
import { EngineError } from "../errors.ts";
import { flowOf, nodeOf } from "../graph.ts";
import { holding, outcomeOf } from "../flows.ts";
import { cancelBoundaryTimers } from "../cancel.ts";
import { enterStage, recordFailure } from "../stage.ts";
import { armBoundaries } from "./BoundaryEvent.ts";
import { enterMultiInstance, instanceDone } from "./MultiInstance.ts";

/** How a task was completed: success, or the flows a failure / custom outcome leaves along. */
export type TaskOutcome = { kind: "success" } | { kind: "failure" | "custom"; flows: string[] };

/** Creates the task (or, for a multi-instance task, its instances) and waits. */
export const enterUserTask: Enter<UserTaskNode> = (run, token, node) => {
  if (node.multiInstance) return enterMultiInstance(run, token, node);
  enterStage(run, node.stage);
  createTask(run, token, node);
  armBoundaries(run, token);
};

/** Handles `task.complete`: validates the outcome, records a failure, merges the output and moves on. */
export function completeTask(run: Run, event: Extract<EngineEvent, { type: "task.complete" }>): void {
  const token = tokenOf(run, event.token);
  const node = nodeOf(run.route, token.el);
  if ((node.type !== "userTask" && node.type !== "manualTask") || token.loop) {
    throw new EngineError("not_waiting", `Token "${token.id}" is not a task waiting for completion.`, token.el);
  }
  const outcome = readOutcome(run, node, event);
  if (outcome.kind === "failure") {
    recordFailure(run, { reason: event.reason as string, role: node.role ?? event.actor?.role, user: event.actor?.user, task: node.id });
  }
  if (event.output) run.snap.vars = { ...run.snap.vars, ...event.output };
  removeToken(run, token);
  if (token.mi) return instanceDone(run, token, node, outcome);
  cancelBoundaryTimers(run, token);
  take(run, token, outcome.kind === "success" ? successFlows(run, token, node) : outcome.flows);
}

/** Emits `task.create` for a token waiting at a user task. */
export function createTask(run: Run, token: Token, node: UserTaskNode): void {
  emit(run, {
    type: "task.create",
    token: token.id,
    element: node.id,
    ...(node.role === undefined ? {} : { role: node.role }),
    ...(node.stage ?? run.snap.stage ? { stage: node.stage ?? run.snap.stage } : {}),
    context: { ...run.snap.vars, ...localVars(run, token) },
    outcomes: node.outgoing.map((id) => {
      const o = outcomeOf(flowOf(run.route, id));
      return { flow: id, kind: o.kind, label: o.label, ...(o.color === undefined ? {} : { color: o.color }) };
    }),
    ...(token.mi ? { mi: token.mi } : {}),
  });
}

/** The success flows (unmarked or marked success) whose condition holds; throws `no_path` if there are some but none holds. */
export function successFlows(run: Run, token: Token, node: UserTaskNode): string[] {
  const success = node.outgoing.filter((id) => outcomeOf(flowOf(run.route, id)).kind === "success");
  const chosen = holding(run, token, success);
  if (success.length > 0 && chosen.length === 0) {
    throw new EngineError("no_path", `No success flow of task "${node.name ?? node.id}" holds.`, node.id);
  }
  return chosen;
}

function readOutcome(run: Run, node: UserTaskNode, event: Extract<EngineEvent, { type: "task.complete" }>): TaskOutcome {
  const button = node.outgoing.includes(event.outcome) ? run.route.flows[event.outcome] : undefined;
  const kind = button ? outcomeOf(button).kind : event.outcome;
  if (kind === "success") return { kind: "success" };
  if (kind === "failure") {
    const flows = button ? [button.id] : node.outgoing.filter((id) => outcomeOf(flowOf(run.route, id)).kind === "failure");
    if (!node.failureAllowed || flows.length === 0) {
      throw new EngineError("failure_not_allowed", `Task "${node.name ?? node.id}" cannot fail.`, node.id);
    }
    if (!event.reason?.trim()) throw new EngineError("reason_required", `Failing task "${node.name ?? node.id}" needs a reason.`, node.id);
    return { kind: "failure", flows };
  }
  if (!button || kind !== "custom") {
    throw new EngineError("invalid_outcome", `"${event.outcome}" is not an outcome of task "${node.name ?? node.id}".`, node.id);
  }
  return { kind: "custom", flows: [button.id] };
}
