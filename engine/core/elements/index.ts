/**
 * The behavior of every node type, and the entry point that hands a moving token to its element.
 */
import type { RouteNode } from "../route.ts";
import type { Behaviors, Enter } from "./Behavior.ts";
import type { Move, Run } from "../run.ts";
import { nodeOf } from "../graph.ts";
import { enterStartEvent } from "./StartEvent.ts";
import { enterEndEvent } from "./EndEvent.ts";
import { enterUserTask } from "./UserTask.ts";
import { enterTask } from "./Task.ts";
import { enterConnectorTask } from "./ConnectorTask.ts";
import { enterReceiveTask } from "./ReceiveTask.ts";
import { enterExclusiveGateway } from "./ExclusiveGateway.ts";
import { enterParallelGateway } from "./ParallelGateway.ts";
import { enterInclusiveGateway } from "./InclusiveGateway.ts";
import { enterEventBasedGateway } from "./EventBasedGateway.ts";
import { enterIntermediateEvent } from "./IntermediateEvent.ts";
import { enterSubProcess } from "./SubProcess.ts";
import { enterCallActivity } from "./CallActivity.ts";

const behaviors: Behaviors = {
  startEvent: enterStartEvent,
  endEvent: enterEndEvent,
  userTask: enterUserTask,
  manualTask: enterUserTask,
  task: enterTask,
  serviceTask: enterConnectorTask,
  sendTask: enterConnectorTask,
  receiveTask: enterReceiveTask,
  exclusiveGateway: enterExclusiveGateway,
  parallelGateway: enterParallelGateway,
  inclusiveGateway: enterInclusiveGateway,
  eventBasedGateway: enterEventBasedGateway,
  intermediateCatchEvent: enterIntermediateEvent,
  intermediateThrowEvent: enterIntermediateEvent,
  boundaryEvent: () => undefined,
  subProcess: enterSubProcess,
  callActivity: enterCallActivity,
};

/** Hands a moving token to the behavior of the element it enters. */
export function enter(run: Run, move: Move): void {
  const node = nodeOf(run.route, move.token.el);
  (behaviors[node.type] as Enter<RouteNode>)(run, move.token, node, move.via);
}

export { fireReadyJoins } from "./InclusiveGateway.ts";
export { hasJoinArrivals } from "./joins.ts";
export { completeEmptyScopes } from "./SubProcess.ts";
export { completeTask } from "./UserTask.ts";
export { deliverMessage } from "./MessageEvent.ts";
export { fireTimer } from "./TimerEvent.ts";
