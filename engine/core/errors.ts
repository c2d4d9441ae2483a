/** A refusal of an event by the core: the event is invalid for the deal's state; nothing changes. */
export class EngineError extends Error {
  /**
   * @param code machine-readable cause: `not_waiting` (task already done / unknown token → HTTP 409),
   *   `invalid_outcome`, `reason_required`, `failure_not_allowed`, `no_match` (no message catcher),
   *   `expression` (a FEEL expression failed at run time), `not_running`, `no_path` (no outgoing flow of a gateway
   *   or outcome holds), `loop` (too many steps in one transition), `already_started` (deal.start on a snapshot),
   *   `invalid_route` (the route lacks something the event needs, e.g. a start event or called process).
   * @param element BPMN element id at fault, when there is one.
   */
  constructor(
    readonly code: "not_waiting" | "invalid_outcome" | "reason_required" | "failure_not_allowed" | "no_match" | "expression" | "not_running"
      | "no_path" | "loop" | "already_started" | "invalid_route",
    message: string,
    readonly element?: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}
