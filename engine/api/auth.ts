/**
 * Authentication (`Authorization: Bearer <token>` → the caller) and per-route role checks.
 */
import type { Request, RequestHandler } from "express";
import { Problem } from "../problem.ts";
import type { AuthService, Caller } from "../runtime/contract.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The authenticated caller, set by `authenticate`. */
      caller?: Caller;
      /** The bearer token the caller presented. */
      token?: string;
    }
  }
}

/** Every role the product knows. */
export const ROLES = ["admin", "operator", "store_admin", "courier", "manager", "analyst", "integrator"] as const;

/** Staff who work tasks, plus admin. */
export const TASK_ROLES = ["admin", "operator", "store_admin", "courier", "manager"] as const;

/** Who may start deals and send messages to them. */
export const INTAKE_ROLES = ["admin", "operator", "integrator"] as const;

/** Resolves the bearer token into `req.caller`; 401 problem without a valid one. */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    if (!token) {
      res.set("WWW-Authenticate", 'Bearer realm="order-routes"');
      throw new Problem(401, "Unauthorized", "Send 'Authorization: Bearer <token>'; get a token from POST /api/auth/login.");
    }
    const caller = await auth.authenticate(token);
    if (!caller) {
      res.set("WWW-Authenticate", 'Bearer realm="order-routes", error="invalid_token"');
      throw new Problem(401, "Unauthorized", "The token is unknown or expired; log in again.");
    }
    req.caller = caller;
    req.token = token;
    next();
  };
}

/** Lets the request through only when the caller has one of the roles; 403 problem otherwise. */
export function requireRole(...roles: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const caller = callerOf(req);
    if (!caller.roles.some((role) => roles.includes(role))) {
      throw new Problem(403, "Forbidden", `This needs one of the roles: ${roles.join(", ")}.`);
    }
    next();
  };
}

/** The authenticated caller of a request (the `authenticate` middleware must have run). */
export function callerOf(req: Request): Caller {
  if (!req.caller) throw new Problem(401, "Unauthorized", "This endpoint needs a bearer token.");
  return req.caller;
}

function bearerToken(req: Request): string | undefined {
  const header = req.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
