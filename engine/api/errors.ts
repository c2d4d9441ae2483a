/**
 * The API's error rendering: every failure leaves as RFC 9457 `application/problem+json`.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { EngineError } from "../core/errors.ts";
import { Problem } from "../problem.ts";

/** Media type of every error response. */
export const PROBLEM_TYPE = "application/problem+json";

/** Sends a Problem as `application/problem+json`. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(PROBLEM_TYPE).send(JSON.stringify(problem.toJSON()));
}

/** The catch-all for requests no route matched: 404 problem. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new Problem(404, "Not Found", `No resource at ${req.method} ${req.path}.`));
};

/** The single error handler: renders Problems, maps client errors, hides internals of anything else. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const problem = toProblem(err);
    if (problem.status >= 500) log.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    sendProblem(res, problem);
  };
}

/** Converts any thrown value into the Problem the client sees. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof EngineError) return fromEngineError(err);
  const client = clientError(err);
  if (client) return client;
  return new Problem(500, "Internal Server Error", "The server failed to handle the request; the error is logged.");
}

/** An EngineError that reached the API without being converted by the runtime. */
function fromEngineError(err: EngineError): Problem {
  const status = err.code === "not_waiting" || err.code === "not_running" ? 409 : 422;
  const title = status === 409 ? "Conflict" : "Unprocessable Content";
  return new Problem(status, title, err.message, err.element ? [{ element: err.element, message: err.message }] : []);
}

/** body-parser and http-errors failures carry `status` and `expose`: malformed bodies and the like. */
function clientError(err: unknown): Problem | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  const status = typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : 0;
  if (status < 400 || status >= 500 || e.expose !== true) return undefined;
  const message = typeof e.message === "string" ? e.message : "Bad request.";
  if (e.type === "entity.parse.failed") return new Problem(400, "Malformed JSON body", `The request body is not valid JSON: ${message}`);
  if (e.type === "entity.too.large") return new Problem(413, "Content Too Large", message);
  return new Problem(status, titleOf(status), message);
}

function titleOf(status: number): string {
  const titles: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 415: "Unsupported Media Type" };
  return titles[status] ?? "Client Error";
}
