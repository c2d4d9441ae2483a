/**
 * The lines of `bpmn-engine/EXPECTATIONS.md` (corpus) that our semantics share, as data: for each BPMN file,
 * either scenarios to drive through the pure core, or why we do not run it (deliberately different
 * semantics, or elements the engine does not run, which publishing must refuse).
 */

/** One step of a scenario, applied to the deal in memory. */
export type Step =
  /** Complete the open task at this element (outcome `success` unless given). */
  | { do: "complete"; element: string; outcome?: string; output?: Record<string, unknown> }
  /** Deliver a named message to the deal. */
  | { do: "message"; name: string; payload?: Record<string, unknown> }
  /** Move the clock to the due time of this timer event (boundary or catch event id) and fire it. */
  | { do: "fire"; element: string }
  /** Check the deal's state at this point. */
  | { do: "check"; expect: Check };

/** What must hold at a check point (every given field is checked). */
export interface Check {
  status?: "running" | "completed" | "terminated";
  /** Exactly these elements hold a waiting token (sorted comparison; scope tokens excluded). */
  waits?: string[];
  /** Number of tasks created so far per element. */
  tasks?: Record<string, number>;
  /** Elements that never got a task. */
  noTask?: string[];
  /** Exactly these end events of the main process were reached so far, in order. */
  ends?: string[];
  /** Exactly these gateways hold join arrivals still waiting for other inbound flows (sorted comparison). */
  joins?: string[];
}

/** A run of one deal: start it with `data`, apply the steps; the last step is usually a check. */
export interface Scenario {
  name: string;
  data?: Record<string, unknown>;
  steps: Step[];
}

/** How a corpus file is treated. */
export type Expectation =
  /** Run the scenarios; each must reach its checks. */
  | { file: string; kind: "run"; summary: string; scenarios: Scenario[] }
  /**
   * Our semantics deliberately differ (strict BPMN joins): reported as refused-by-semantics. `strict`, run when
   * the file compiles, shows our behaviour instead; if it does not hold, our claim is wrong and the file fails.
   */
  | { file: string; kind: "semantics"; summary: string; why: string; strict?: Scenario }
  /** The expectation needs elements or expression languages we do not run: publishing must refuse. */
  | { file: string; kind: "unsupported"; summary: string; needs: string[] }
  /** No upstream test names the file: import it only. */
  | { file: string; kind: "import"; summary: string };

const DISCARD_JOIN =
  "bpmn-elements counts a discarded (dead-path) inbound flow as arrived at a parallel join, so the join fires; in strict BPMN, as in our core, a branch not taken never arrives and a parallel join after an exclusive or event-based split never fires";

/** Every file of `bpmn-engine/` and `bpmn-engine/inline/`, keyed by its path relative to `bpmn-engine/`. */
export const expectations: Expectation[] = [
  // --- files whose expectation we share: run through the core ---
  {
    file: "issue-163.bpmn",
    kind: "run",
    summary: "user task, then a sub-process with two user tasks in sequence, then a final user task; 4 completions end the run",
    scenarios: [
      {
        name: "complete every task in turn",
        steps: [
          { do: "check", expect: { status: "running", waits: ["Activity_1bpb168"] } },
          { do: "complete", element: "Activity_1bpb168" },
          { do: "check", expect: { waits: ["Activity_0xqu0xt"] } },
          { do: "complete", element: "Activity_0xqu0xt" },
          { do: "check", expect: { waits: ["Activity_0c0569x"] } },
          { do: "complete", element: "Activity_0c0569x" },
          { do: "check", expect: { waits: ["Activity_09fprjg"] } },
          { do: "complete", element: "Activity_09fprjg" },
          { do: "check", expect: { status: "completed", waits: [], ends: ["Event_1valyoc"] } },
        ],
      },
    ],
  },
  {
    file: "swimlanes.bpmn",
    kind: "run",
    summary: "waits at fillform (customer lane); completing it moves to approveform (admin lane), then the manual task in sub, then the end",
    scenarios: [
      {
        name: "fill, approve, sub task",
        steps: [
          { do: "check", expect: { status: "running", waits: ["fillform"] } },
          { do: "complete", element: "fillform" },
          { do: "check", expect: { waits: ["approveform"] } },
          { do: "complete", element: "approveform" },
          { do: "check", expect: { waits: ["subtask"] } },
          { do: "complete", element: "subtask" },
          { do: "check", expect: { status: "completed", waits: [], tasks: { fillform: 1, approveform: 1, subtask: 1 }, ends: ["Event_06ou83i"] } },
        ],
      },
    ],
  },
  {
    file: "call-activity-signal.bpmn",
    kind: "run",
    summary: "call activity runs the non-executable called-process, which waits at a manual task; completing it completes the run",
    scenarios: [
      {
        name: "complete the called manual task",
        steps: [
          { do: "check", expect: { status: "running", waits: ["task"] } },
          { do: "complete", element: "task" },
          { do: "check", expect: { status: "completed", waits: [], tasks: { task: 1 }, ends: ["end"] } },
        ],
      },
    ],
  },
  {
    file: "call-activity.bpmn",
    kind: "run",
    summary: "call activity runs called-process (one abstract task) and the run completes at once",
    scenarios: [{ name: "plain run", steps: [{ do: "check", expect: { status: "completed", waits: [], ends: ["end"] } }] }],
  },
  {
    file: "boundary-non-interupting-timer.bpmn",
    kind: "run",
    summary:
      "non-interrupting PT0.01S timer on a user task, both paths joined by a parallel gateway: the timer fires first, then the task is completed, and the join completes (the only order strict BPMN can finish)",
    scenarios: [
      {
        name: "timer fires, then the task is completed",
        steps: [
          { do: "check", expect: { status: "running", waits: ["userTask"] } },
          { do: "fire", element: "boundaryEvent" },
          { do: "check", expect: { status: "running", waits: ["userTask"] } },
          { do: "complete", element: "userTask" },
          { do: "check", expect: { status: "completed", waits: [], ends: ["EndEvent_04z4jtj"] } },
        ],
      },
    ],
  },
  {
    file: "messageflow-target-process.bpmn",
    kind: "run",
    summary:
      "Process_1 passes a none throw event and completes (shared part); the message flow that would start the non-executable Process_2 is a diagram annotation for us",
    scenarios: [{ name: "plain run", steps: [{ do: "check", expect: { status: "completed", waits: [], ends: ["Event_0j4p7z5"] } }] }],
  },
  {
    file: "lanes.bpmn",
    kind: "run",
    summary:
      "main process part: start, untyped task1, then it waits at the message catch `intermediate` until the answer comes, then ends (shared part); the message flows that start the non-executable participantProcess and answer back are diagram annotations for us, the answer is a message from outside",
    scenarios: [
      {
        name: "wait for the answer, then end",
        steps: [
          { do: "check", expect: { status: "running", waits: ["intermediate"], ends: [] } },
          { do: "message", name: "intermediate" },
          { do: "check", expect: { status: "completed", waits: [], ends: ["mainEndEvent"] } },
        ],
      },
    ],
  },
  {
    file: "inline/errors-feature_subprocess-error-two-boundaries.bpmn",
    kind: "run",
    summary:
      "the sub-process (implicit start: its only element is the error end) throws Error_0, caught by a boundary, and the run completes; neither error has an errorCode, so for us both boundaries catch it and the first, catch0, takes it",
    scenarios: [{ name: "plain run", steps: [{ do: "check", expect: { status: "completed", waits: [], ends: [] } }] }],
  },

  // --- deliberately different: dead-path ("discard") joins ---
  { file: "async-decision.bpmn", kind: "semantics", summary: "exclusive split, then a parallel join of both branches", why: DISCARD_JOIN },
  { file: "parallel-join-edgecase.bpmn", kind: "semantics", summary: "exclusive default flow into a parallel join", why: DISCARD_JOIN },
  {
    file: "boundary-timeout.bpmn",
    kind: "semantics",
    summary: "interrupting timer path and task path joined by a parallel gateway",
    why: `${DISCARD_JOIN} (here the split is an interrupting boundary event)`,
    strict: {
      name: "strict: completing the task leaves the deal running, stuck at the unfired join, the end event unreached",
      steps: [
        { do: "complete", element: "userTask" },
        { do: "check", expect: { status: "running", waits: [], joins: ["join"], ends: [], tasks: { userTask: 1 } } },
      ],
    },
  },
  { file: "event-based-gateway.bpmn", kind: "semantics", summary: "event-based split (signal vs timer) joined by a parallel gateway", why: DISCARD_JOIN },
  { file: "multiple-joins.bpmn", kind: "semantics", summary: "exclusive splits into nested parallel joins", why: DISCARD_JOIN },
  { file: "one-or-the-other.bpmn", kind: "semantics", summary: "the interrupted task's branch still reaches the parallel join", why: `${DISCARD_JOIN}; it also needs signal events` },
  { file: "join-inbound.bpmn", kind: "semantics", summary: "parallel join whose inbound flows come from exclusive and inclusive splits", why: DISCARD_JOIN },
  { file: "issue-42-same-target-sequence-flows.bpmn", kind: "semantics", summary: "several conditional flows into one task, counted once", why: "bpmn-elements merges flows touched more than once into one activation; strict BPMN starts the task once per arriving token" },
  {
    file: "two-executable-processes.bpmn",
    kind: "semantics",
    summary: "both executable processes run in turn",
    why: "a route has one main process per deal; a second executable process is not started alongside it",
    strict: {
      name: "strict: the main process Process_1 runs through its untyped task to its end, and the deal completes",
      steps: [{ do: "check", expect: { status: "completed", waits: [], ends: ["EndEvent_1"] } }],
    },
  },

  // --- need what the engine does not run: publishing must refuse ---
  { file: "activity-execution.bpmn", kind: "import", summary: "send tasks with message/error boundaries and terminate (no upstream test)" },
  { file: "throw-compensate.bpmn", kind: "import", summary: "compensation inside a transaction (no upstream test)" },
  { file: "ad-hoc-subprocess.bpmn", kind: "unsupported", summary: "ad-hoc sub-process with a signal throw", needs: ["ad-hoc sub-process", "signal events"] },
  { file: "bpmn-error.bpmn", kind: "unsupported", summary: "error end caught by a boundary, then a signal end", needs: ["${…} service expressions", "signal events"] },
  { file: "conditional-flows.bpmn", kind: "unsupported", summary: "conditional flows out of a task", needs: ["${…} and JavaScript conditions"] },
  { file: "engine-issue-105_1.bpmn", kind: "unsupported", summary: "service decrements a counter, gateways loop back", needs: ["JavaScript conditions", "services given as ${environment.services.…}"] },
  { file: "engine-issue-180.bpmn", kind: "unsupported", summary: "failing services caught, error event sub-process runs twice", needs: ["event sub-processes", "services without a connector"] },
  { file: "engine-issue-180-message.bpmn", kind: "unsupported", summary: "message end events start a message event sub-process", needs: ["event sub-processes", "message throw events"] },
  { file: "engine-issue-180-signal.bpmn", kind: "unsupported", summary: "signal end events start a signal event sub-process", needs: ["event sub-processes", "signal events"] },
  { file: "engine-issue-73.bpmn", kind: "unsupported", summary: "two user tasks and decisions with a loopback", needs: ["JavaScript conditions", "discarding a waiting task"] },
  { file: "engine-issue-73_2.bpmn", kind: "unsupported", summary: "user task loops back twice through a decision", needs: ["${environment.output.…} conditions"] },
  { file: "escalation.bpmn", kind: "unsupported", summary: "escalation caught by a non-interrupting boundary", needs: ["escalation events", "signal events"] },
  { file: "event-based-gateway-with-same-target.bpmn", kind: "unsupported", summary: "event-based gateway with two flows to one signal catch", needs: ["signal events"] },
  { file: "exclusive-gateway-as-join.bpmn", kind: "unsupported", summary: "exclusive joins with a counting script loop", needs: ["script tasks"] },
  { file: "issue-187.bpmn", kind: "unsupported", summary: "approval loop with a sequential multi-instance and withdrawal signal", needs: ["script tasks", "signal events", "${…} expressions"] },
  { file: "issue-3.bpmn", kind: "unsupported", summary: "signal throw starts a second process", needs: ["script tasks", "signal start events"] },
  { file: "issue-31.bpmn", kind: "unsupported", summary: "service error caught, retry gateways, boundary timer to terminate", needs: ["services given as ${environment.services.…}", "${…} conditions and timers"] },
  { file: "issue-31-cm.bpmn", kind: "unsupported", summary: "same as issue-31, drawn in Camunda Modeler", needs: ["services given as ${environment.services.…}", "${…} conditions and timers"] },
  { file: "link-event.bpmn", kind: "unsupported", summary: "link throw/catch between script tasks", needs: ["script tasks"] },
  { file: "misp-parallel-loopback.bpmn", kind: "unsupported", summary: "multi-instance sub-process by cardinality with a JavaScript loopback", needs: ["loopCardinality", "JavaScript conditions"] },
  { file: "mother-of-all.bpmn", kind: "unsupported", summary: "scripts, loops, inclusive gateway, message-started second process", needs: ["script tasks", "JavaScript conditions"] },
  { file: "resume_error.bpmn", kind: "unsupported", summary: "user tasks, decision, log script", needs: ["script tasks"] },
  { file: "send-signal.bpmn", kind: "unsupported", summary: "non-executable process run by id, signal throw", needs: ["running a non-executable process", "signal events"] },
  { file: "signals.bpmn", kind: "unsupported", summary: "two processes talking through signals", needs: ["signal events", "${…} expressions"] },
  { file: "sub-process.bpmn", kind: "unsupported", summary: "sub-process with a user task and a script", needs: ["script tasks"] },
  { file: "timers.bpmn", kind: "unsupported", summary: "cycle start timer, boundary duration, date catch from a variable, camunda:dueDate", needs: ["${environment.variables.…} timer expressions"] },
  { file: "transaction.bpmn", kind: "unsupported", summary: "transaction with cancel and compensation", needs: ["transactions", "compensation", "cancel events"] },
  { file: "wait-activities.bpmn", kind: "unsupported", summary: "tour of wait states incl. signal, conditional and escalation events", needs: ["signal events", "conditional events", "escalation events", "JavaScript conditions"] },
  { file: "inline/errors-feature_service-error-boundary-custom-code.bpmn", kind: "unsupported", summary: "a service failing with a code caught by an error boundary", needs: ["services given as ${environment.services.…}"] },
  { file: "inline/errors-feature_service-error-boundary-errorcode-404.bpmn", kind: "unsupported", summary: "a service raising BpmnError 404 caught by an error boundary", needs: ["services given as ${environment.services.…}"] },
  { file: "inline/errors-feature_subprocess-error-event-subprocess.bpmn", kind: "unsupported", summary: "error caught by an error-start event sub-process", needs: ["event sub-processes"] },
  { file: "inline/escalation-feature_uncaught-escalation-boss.bpmn", kind: "unsupported", summary: "escalation without a reference caught by a boundary", needs: ["escalation events"] },
  { file: "inline/gateway-feature_exclusive-default-flow.bpmn", kind: "unsupported", summary: "exclusive gateway: first true flow wins over later ones and the default", needs: ["JavaScript and ${…} conditions"] },
  { file: "inline/gateway-feature_inclusive-default-flow.bpmn", kind: "unsupported", summary: "inclusive gateway: every true flow taken, default only when none", needs: ["JavaScript and ${…} conditions"] },
];

/** The expectation of a file (path relative to `bpmn-engine/`), if one is written. */
export function expectationFor(file: string): Expectation | undefined {
  return expectations.find((e) => e.file === file);
}
