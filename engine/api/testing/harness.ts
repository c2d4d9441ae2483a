/**
 * Builds the app over fake services with a silent logger and logs in demo users (for the API's unit tests).
 */
import type { Express } from "express";
import { pino } from "pino";
import request from "supertest";
import type { Services } from "../../runtime/contract.ts";
import { createApp } from "../app.ts";
import { fakeServices } from "./fake-services.ts";

/** An app over fake services (or the given ones) and a helper that logs a fake user in. */
export function harness(services: Services = fakeServices()): { app: Express; login(user: string): Promise<string> } {
  const app = createApp(services, { logger: pino({ level: "silent" }) });
  return {
    app,
    async login(user) {
      const res = await request(app).post("/api/auth/login").send({ login: user, password: user }).expect(200);
      return res.body.token as string;
    },
  };
}
