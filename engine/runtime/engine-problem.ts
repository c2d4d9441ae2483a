import { EngineError } from "../core/errors.ts";
import { Problem } from "../problem.ts";

/** Turns a refusal of the core into the Problem the API shows; other errors pass through unchanged. */
export function engineProblem(error: unknown): unknown {
  if (!(error instanceof EngineError)) return error;
  const element = error.element ? [{ element: error.element, message: error.message }] : [];
  switch (error.code) {
    case "not_waiting":
      return new Problem(409, "Not waiting", error.message, element);
    case "not_running":
      return new Problem(409, "Deal is not running", error.message, element);
    case "invalid_outcome":
    case "failure_not_allowed":
      return new Problem(422, "Outcome refused", error.message, [{ pointer: "/outcome", element: error.element, message: error.message }]);
    case "reason_required":
      return new Problem(422, "Reason required", error.message, [{ pointer: "/reason", element: error.element, message: error.message }]);
    case "no_match":
      return new Problem(422, "Message not expected", error.message, [{ pointer: "/name", message: error.message }]);
    case "expression":
      return new Problem(422, "Expression failed", error.message, element);
  }
  return new Problem(422, "Refused by the engine", error.message, element);
}
