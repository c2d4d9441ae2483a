/**
 * The API over the real runtime on a fresh test database (SQLite, or MariaDB with DATABASE_URL), with the
 * reasons and demo users seeded, for the scenario tests over HTTP.
 */
import type { Express } from "express";
import { pino } from "pino";
import request from "supertest";
import { createApp } from "../../engine/api/app.ts";
import { createServices, seedDemo, seedReasons, type ConnectorOptions, type RuntimeOptions } from "../../engine/runtime/index.ts";
import type { DealView, Services, TaskView } from "../../engine/runtime/contract.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";

/** A seeded database, its services and the app over them. */
export interface ApiHarness {
  app: Express;
  services: Services;
  db: TestDatabase;
  /** Logs a demo user in (password = login) and returns the Authorization header. */
  as(login: string): Promise<{ Authorization: string }>;
  /** Reads a deal as admin. */
  deal(id: string): Promise<DealView>;
  close(): Promise<void>;
}

/** Opens a fresh database, seeds reasons and demo users, builds the app (on a test clock when `options.now` is given). */
export async function openApi(options: RuntimeOptions & ConnectorOptions = {}): Promise<ApiHarness> {
  const db = await openTestDatabase();
  await seedReasons(db.dataSource);
  await seedDemo(db.dataSource);
  const services = createServices(db.dataSource, options);
  const app = createApp(services, { logger: pino({ level: "silent" }) });
  const tokens = new Map<string, string>();
  const as = async (login: string) => {
    if (!tokens.has(login)) {
      const res = await request(app).post("/api/auth/login").send({ login, password: login }).expect(200);
      tokens.set(login, res.body.token);
    }
    return { Authorization: `Bearer ${tokens.get(login)}` };
  };
  return {
    app,
    services,
    db,
    as,
    async deal(id) {
      return (await request(app).get(`/api/deals/${id}`).set(await as("admin")).expect(200)).body;
    },
    close: () => db.close(),
  };
}

/** Posts an order as the operator (201 expected) and returns its deal's id. */
export async function postOrder(api: ApiHarness, externalId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request(api.app).post("/api/deals").set(await api.as("operator")).send(order(externalId, extra));
  if (res.status !== 201) throw new Error(`order ${externalId}: ${res.status} ${res.text}`);
  return res.body.id;
}

/** The open tasks of a deal, read as admin. */
export async function openTasksOf(api: ApiHarness, dealId: string): Promise<TaskView[]> {
  return (await api.deal(dealId)).tasks!.filter((t) => t.status === "open");
}

/** The demo user who works tasks of a role in a store. */
export function workerFor(task: TaskView): string {
  if (task.role === "operator") return "operator";
  if (task.role === "courier") return "courier";
  if (task.role === "store_admin") return task.store === "B" ? "store-b" : "store-a";
  return "admin";
}

/** A valid order for store A (pickup unless told otherwise). */
export function order(externalId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId,
    customer: { name: "Anna", phone: "+7 900 000-00-01", ageVerified: false },
    city: "Moscow",
    store: "A",
    fulfilment: { type: "pickup" },
    items: [
      { sku: "KVS-1", name: "Kvass", quantity: 1, price: 99, key: true, analogues: ["KEF-1"] },
      { sku: "CUC-1", name: "Cucumbers", quantity: 2, price: 149 },
    ],
    payment: { type: "on_receipt" },
    ...extra,
  };
}

/** The ids of a task's required checklist items (to tick them on a successful completion). */
export function ticked(task: Pick<TaskView, "checklist">): string[] {
  return (task.checklist ?? []).filter((item) => item.required).map((item) => item.id);
}
