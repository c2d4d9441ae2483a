/** A refusal of an event by the core: the event is invalid for the deal's state; nothing changes. */
export class EngineError extends Error {
  /**
   * @param code machine-readable cause: `not_waiting` (task already done / unknown token → HTTP 409),
   *   `invalid_outcome`, `reason_required`, `failure_not_allowed`, `no_match` (no message catcher),
   *   `expression` (a FEEL expression failed at run time), `not_running`.
   * @param element BPMN element id at fault, when there is one.
   */
  constructor(
    readonly code: "not_waiting" | "invalid_outcome" | "reason_required" | "failure_not_allowed" | "no_match" | "expression" | "not_running",
    message: string,
    readonly element?: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}
