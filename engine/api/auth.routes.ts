/**
 * /api/auth: log in for a bearer token, log out, and who am I.
 */
import { Router } from "express";
import type { AuthService } from "../runtime/contract.ts";
import { authenticate, callerOf } from "./auth.ts";
import { checkFields, objectBody } from "./body.ts";

/** The auth router (login is public, the rest needs a token). */
export function authRoutes(auth: AuthService): Router {
  const router = Router();
  router.post("/login", async (req, res) => {
    const body = objectBody(req);
    checkFields(body, { login: "string", password: "string" });
    res.json(await auth.login(body.login as string, body.password as string));
  });
  router.post("/logout", authenticate(auth), async (req, res) => {
    await auth.logout(req.token as string);
    res.status(204).end();
  });
  router.get("/me", authenticate(auth), (req, res) => {
    res.json(callerOf(req));
  });
  return router;
}
