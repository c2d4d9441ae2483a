/**
 * Checks request bodies of the admin catalogues against JSON Schemas with ajv: Problem 422 with a JSON
 * pointer for each field at fault.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Problem, type ProblemDetail } from "../problem.ts";

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** Returns the body typed as `T` when it matches the schema; Problem 422 naming every field at fault otherwise. */
export function checkBody<T>(schema: object, body: unknown, title = "Invalid body"): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(body)) return body as T;
  const errors = (validate.errors ?? []).map(detailOf);
  throw new Problem(422, title, "The body does not match its schema.", errors);
}

/** A Problem 422 about one field. */
export function fieldProblem(pointer: string, message: string, title = "Invalid body"): Problem {
  return new Problem(422, title, message, [{ pointer, message }]);
}

function detailOf(error: ErrorObject): ProblemDetail {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  const pointer = child ? `${error.instancePath}/${child}` : error.instancePath;
  const message = params.additionalProperty ? `Unknown field "${params.additionalProperty}".` : `${pointer || "The body"} ${error.message ?? "is invalid"}.`;
  return { pointer, message };
}
