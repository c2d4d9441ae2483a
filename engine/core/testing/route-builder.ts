/**
 * A tiny builder of Route objects in code, for tests of the core (no BPMN needed).
 *
 * Nodes are declared in document order; flows with `flow(a, b)` or `chain(a, b, c)` (id `a-b` unless
 * given); `subProcess(id, b => …)` and `process(id, b => …)` declare nested scopes. `build()` fills in
 * incoming/outgoing lists and start events (or, in a scope without any, its nodes without incoming flow).
 */
import type {
  BoundaryEventNode, EndEventNode, OutcomeSpec, Route, RouteFlow, RouteNode, Stage, TimerSpec, UserTaskNode,
} from "../route.ts";

type Trigger = { kind: "none" } | { kind: "message"; message: string } | { kind: "timer"; timer: TimerSpec };

/** Options of a user task. */
export interface TaskOptions {
  role?: string;
  stage?: string;
  failureAllowed?: boolean;
  multiInstance?: UserTaskNode["multiInstance"];
  manual?: boolean;
}

/** Builds a Route step by step. */
export class RouteBuilder {
  private readonly nodes: RouteNode[] = [];
  private readonly flows: RouteFlow[] = [];
  private readonly stageList: Stage[] = [];
  private readonly extraProcesses: string[] = [];
  private scope: string;

  constructor(private readonly key = "main") {
    this.scope = key;
  }

  /** Declares a stage. */
  stage(id: string, kind: Stage["kind"] = "open"): this {
    this.stageList.push({ id, name: id, color: "#888888", kind });
    return this;
  }

  /** A start event (none unless a trigger is given). */
  start(id: string, trigger: Trigger = { kind: "none" }): this {
    return this.add({ type: "startEvent", id, trigger });
  }

  /** An end event. */
  end(id: string, opts: { outcome?: "won" | "lost"; stage?: string; result?: EndEventNode["result"] } = {}): this {
    return this.add({ type: "endEvent", id, result: opts.result ?? { kind: "none" }, outcome: opts.outcome, stage: opts.stage });
  }

  /** A user (or manual) task. */
  task(id: string, opts: TaskOptions = {}): this {
    return this.add({
      type: opts.manual ? "manualTask" : "userTask", id, role: opts.role, stage: opts.stage,
      template: { title: id, checklist: [], observers: [] }, failureAllowed: opts.failureAllowed ?? false,
      multiInstance: opts.multiInstance,
    });
  }

  /** A task without a type (passes tokens straight through). */
  plain(id: string): this {
    return this.add({ type: "task", id });
  }

  /** A service task calling a connector. */
  service(id: string, connector: string, action: string, input: Record<string, string> = {}): this {
    return this.add({ type: "serviceTask", id, connector, action, input });
  }

  /** A receive task. */
  receive(id: string, message: string): this {
    return this.add({ type: "receiveTask", id, message });
  }

  /** A gateway. */
  gateway(type: "exclusive" | "parallel" | "inclusive" | "eventBased", id: string, defaultFlow?: string): this {
    return this.add({ type: `${type}Gateway`, id, default: defaultFlow });
  }

  /** An intermediate catch event. */
  catch(id: string, trigger: Trigger | { kind: "link"; link: string }): this {
    return this.add({ type: "intermediateCatchEvent", id, trigger });
  }

  /** An intermediate throw event (none or link). */
  throw(id: string, link?: string): this {
    return this.add({ type: "intermediateThrowEvent", id, trigger: link ? { kind: "link", link } : { kind: "none" } });
  }

  /** A boundary event. */
  boundary(id: string, attachedTo: string, trigger: BoundaryEventNode["trigger"], interrupting = true): this {
    return this.add({ type: "boundaryEvent", id, attachedTo, trigger, interrupting });
  }

  /** An embedded sub-process whose content `inside` declares. */
  subProcess(id: string, inside: (b: this) => void): this {
    this.add({ type: "subProcess", id, start: [] });
    return this.within(id, inside);
  }

  /** A call activity. */
  call(id: string, calledElement: string): this {
    return this.add({ type: "callActivity", id, calledElement });
  }

  /** Another process of the route (called by call activities). */
  process(id: string, inside: (b: this) => void): this {
    this.extraProcesses.push(id);
    return this.within(id, inside);
  }

  /** A sequence flow (id `source-target` unless given). */
  flow(source: string, target: string, opts: { id?: string; condition?: string; outcome?: OutcomeSpec } = {}): this {
    this.flows.push({ id: opts.id ?? `${source}-${target}`, source, target, condition: opts.condition, outcome: opts.outcome });
    return this;
  }

  /** Flows along a chain of nodes. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.flow(ids[i - 1], ids[i]);
    return this;
  }

  /** The compiled route. */
  build(): Route {
    const nodes: Record<string, RouteNode> = {};
    for (const n of this.nodes) nodes[n.id] = { ...n, incoming: [], outgoing: [] } as RouteNode;
    const flows: Record<string, RouteFlow> = {};
    for (const f of this.flows) {
      flows[f.id] = f;
      nodes[f.source].outgoing.push(f.id);
      nodes[f.target].incoming.push(f.id);
    }
    const startsOf = (scope: string) => {
      const inScope = Object.values(nodes).filter((n) => n.scope === scope);
      const events = inScope.filter((n) => n.type === "startEvent");
      return (events.length > 0 ? events : inScope.filter(implicitStart)).map((n) => n.id);
    };
    for (const n of Object.values(nodes)) if (n.type === "subProcess") n.start = startsOf(n.id);
    const processes: Route["processes"] = {};
    for (const id of [this.key, ...this.extraProcesses]) processes[id] = { id, start: startsOf(id) };
    return { key: this.key, name: this.key, main: this.key, processes, stages: this.stageList, roles: [], nodes, flows };
  }

  private add(node: { type: RouteNode["type"]; id: string; [key: string]: unknown }): this {
    this.nodes.push({ ...node, scope: this.scope, incoming: [], outgoing: [] } as unknown as RouteNode);
    return this;
  }

  private within(scope: string, inside: (b: this) => void): this {
    const outer = this.scope;
    this.scope = scope;
    inside(this);
    this.scope = outer;
    return this;
  }
}

/** Starts building a route whose main process is `key`. */
export function route(key = "main"): RouteBuilder {
  return new RouteBuilder(key);
}

/** Whether a node starts a scope that has no start event (no incoming flow; not a boundary or link catch). */
function implicitStart(node: RouteNode): boolean {
  if (node.incoming.length > 0 || node.type === "boundaryEvent") return false;
  return !(node.type === "intermediateCatchEvent" && node.trigger.kind === "link");
}
