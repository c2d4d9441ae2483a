/**
 * The compiled, executable form of a route (a BPMN process plus our `or:` extensions).
 *
 * `engine/model` produces it from BPMN XML; `engine/core` runs it. It is plain JSON (stored with every
 * published version), so nothing here may be a class, a function or a cyclic reference.
 */

/** Kind of a deal stage: still running, ended successfully, or ended with a cancellation. */
export type StageKind = "open" | "won" | "lost";

/** A deal stage of a route (a column of the deal board). */
export interface Stage {
  id: string;
  name: string;
  color: string;
  kind: StageKind;
}

/** A staff role, drawn as a lane. */
export interface Role {
  /** Role key used by users and reasons, e.g. `operator`, `store_admin`, `courier`. */
  key: string;
  /** Lane id in the BPMN. */
  laneId: string;
  name: string;
  /** Tasks of a store-scoped role go to that role in the deal's store only. */
  storeScoped: boolean;
}

/** A timer definition; `expression` is an ISO 8601 literal, a cron expression (cycle only) or a FEEL expression starting with `=`. */
export interface TimerSpec {
  kind: "date" | "duration" | "cycle";
  expression: string;
}

/** Outcome of a sequence flow leaving a user task: which button it is. */
export interface OutcomeSpec {
  kind: "success" | "failure" | "custom";
  label: string;
  color?: string;
}

/** A task template: what a generated task says and when it is due. Strings are Handlebars over the deal data. */
export interface TaskTemplate {
  /** Id of a stored reusable template, when referenced rather than inline. */
  ref?: string;
  title: string;
  description?: string;
  instructions?: string;
  checklist: { id: string; label: string; required: boolean }[];
  /** ISO 8601 duration from creation, or FEEL (`= deal.fulfilment.slot.end`). */
  deadline?: string;
  /** Time slot `[opens, due]`, each relative to a bound of a deal field given as FEEL. */
  slot?: { from: string; fromOffset?: string; to: string; toOffset?: string };
  /** ISO 8601 duration during which the task is hidden from the assignee. */
  deferral?: string;
  /** ISO 8601 interval at which an overdue task's reminders repeat until it is done (default: none). */
  reminder?: string;
  observers: string[];
  priority?: number;
}

/** Multi-instance characteristics: one instance per item of a FEEL collection. */
export interface MultiInstanceSpec {
  collection: string;
  elementVariable: string;
  sequential: boolean;
}

interface NodeBase {
  id: string;
  name?: string;
  /** Id of the scope (process or sub-process) that contains this node. */
  scope: string;
  incoming: string[];
  outgoing: string[];
}

/** Start event of a process or sub-process. */
export interface StartEventNode extends NodeBase {
  type: "startEvent";
  trigger: { kind: "none" } | { kind: "message"; message: string } | { kind: "timer"; timer: TimerSpec };
}

/** End event; `outcome` marks the deal won or lost when the main process reaches it. */
export interface EndEventNode extends NodeBase {
  type: "endEvent";
  result: { kind: "none" } | { kind: "terminate" } | { kind: "error"; code?: string };
  outcome?: "won" | "lost";
  stage?: string;
  /** With outcome lost: the reason recorded when no failure was recorded before (e.g. `not_paid` after a payment timeout). */
  reason?: string;
}

/** A user or manual task: a task generated for a role. */
export interface UserTaskNode extends NodeBase {
  type: "userTask" | "manualTask";
  role?: string;
  stage?: string;
  template: TaskTemplate;
  failureAllowed: boolean;
  /** Who gets the task: its role pool (default), or one person chosen by round-robin or fewest open tasks. */
  assignment?: "pool" | "round-robin" | "least-open";
  multiInstance?: MultiInstanceSpec;
}

/** A service or send task: a connector action carried out through the outbox. */
export interface ConnectorTaskNode extends NodeBase {
  type: "serviceTask" | "sendTask";
  connector: string;
  action: string;
  template?: string;
  /** Named FEEL expressions evaluated against the deal data into the action's input. */
  input: Record<string, string>;
}

/** A receive task waiting for a named message. */
export interface ReceiveTaskNode extends NodeBase {
  type: "receiveTask";
  message: string;
}

/** A gateway; `default` is the default flow of exclusive/inclusive gateways. */
export interface GatewayNode extends NodeBase {
  type: "exclusiveGateway" | "parallelGateway" | "inclusiveGateway" | "eventBasedGateway";
  default?: string;
}

/** An intermediate catch event (timer or message) or a pass-through throw event. */
export interface IntermediateEventNode extends NodeBase {
  type: "intermediateCatchEvent" | "intermediateThrowEvent";
  trigger: { kind: "none" } | { kind: "message"; message: string } | { kind: "timer"; timer: TimerSpec } | { kind: "link"; link: string };
}

/** A boundary event attached to an activity. */
export interface BoundaryEventNode extends NodeBase {
  type: "boundaryEvent";
  attachedTo: string;
  interrupting: boolean;
  trigger: { kind: "message"; message: string } | { kind: "timer"; timer: TimerSpec } | { kind: "error"; code?: string };
}

/** A task without a type (`bpmn:Task`): it does nothing, so a token passes straight through it. */
export interface TaskNode extends NodeBase {
  type: "task";
}

/** An embedded sub-process: its own scope whose nodes have `scope` = this id. */
export interface SubProcessNode extends NodeBase {
  type: "subProcess";
  /**
   * Start events (kind none) of the sub-process; when it has none (implicit start, BPMN 2.0 §10.5.2), its
   * flow nodes without incoming sequence flow, all of which get a token when the sub-process starts.
   */
  start: string[];
}

/** A call activity running another process of the same route as a child scope. */
export interface CallActivityNode extends NodeBase {
  type: "callActivity";
  calledElement: string;
}

/** Any node the engine can run. */
export type RouteNode =
  | StartEventNode
  | EndEventNode
  | UserTaskNode
  | TaskNode
  | ConnectorTaskNode
  | ReceiveTaskNode
  | GatewayNode
  | IntermediateEventNode
  | BoundaryEventNode
  | SubProcessNode
  | CallActivityNode;

/** A sequence flow; `condition` is FEEL, `outcome` is set on flows leaving a user task. */
export interface RouteFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  condition?: string;
  outcome?: OutcomeSpec;
}

/** A process of the route file: the main one, or one only reached through call activities. */
export interface RouteProcess {
  id: string;
  name?: string;
  /**
   * Start events of the process (the main process may have several: none, message, timer), one of which
   * starts a deal; when it has none (implicit start, BPMN 2.0 §10.5.2), its flow nodes without incoming
   * sequence flow, all of which get a token when the process starts.
   */
  start: string[];
}

/** A compiled route. */
export interface Route {
  /** Key of the route = id of its main BPMN process; versions of one route share it. */
  key: string;
  name: string;
  /** Id of the main (executable) process. */
  main: string;
  processes: Record<string, RouteProcess>;
  stages: Stage[];
  roles: Role[];
  nodes: Record<string, RouteNode>;
  flows: Record<string, RouteFlow>;
}
