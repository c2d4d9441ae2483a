/**
 * Test fixtures for the runtime: a small route in the shape of the reference one (built in code, no BPMN),
 * demo users and reasons, callers, and a dump of every command table to prove "nothing changed".
 */
import type { DataSource } from "typeorm";
import { route } from "../../core/testing/route-builder.ts";
import type { Route } from "../../core/route.ts";
import { Entities, insertRow, type ReasonRow, type UserRow } from "../../store/index.ts";
import { createContext } from "../context.ts";
import type { Caller, Services, TaskView } from "../contract.ts";
import { publishCompiled } from "../routes.service.ts";
import { seedDemo } from "../seed.ts";
import { createServices } from "../index.ts";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";

/** verify (operator, new) → pick (store admin, assembly) → report → won; any failure → disband → lost. */
export function miniRoute(key = "order-fulfilment"): Route {
  return route(key)
    .stage("new").stage("assembly").stage("done", "won").stage("cancelled", "lost")
    .start("start")
    .task("verify", { role: "operator", stage: "new", failureAllowed: true })
    .task("pick", { role: "store_admin", stage: "assembly", failureAllowed: true })
    .task("report", { role: "store_admin", stage: "assembly" })
    .task("disband", { role: "store_admin" })
    .end("won", { outcome: "won", stage: "done" })
    .end("lost", { outcome: "lost", stage: "cancelled" })
    .flow("start", "verify")
    .flow("verify", "pick", { id: "verify-ok", outcome: { kind: "success", label: "Verified" } })
    .flow("verify", "disband", { id: "verify-fail", outcome: { kind: "failure", label: "Refused", color: "#c00" } })
    .flow("pick", "report", { id: "pick-ok", outcome: { kind: "success", label: "Picked" } })
    .flow("pick", "disband", { id: "pick-fail", outcome: { kind: "failure", label: "Cannot pick" } })
    .flow("report", "won", { id: "report-ok", outcome: { kind: "success", label: "Reported" } })
    .flow("disband", "lost", { id: "disband-ok", outcome: { kind: "success", label: "Disbanded" } })
    .build();
}

/** start → wait one hour (intermediate timer) → call (operator) → won. */
export function timedRoute(key = "timed"): Route {
  return route(key)
    .stage("waiting").stage("calling").stage("done", "won")
    .start("start")
    .catch("wait", { kind: "timer", timer: { kind: "duration", expression: "PT1H" } })
    .task("call", { role: "operator", stage: "calling" })
    .end("won", { outcome: "won", stage: "done" })
    .flow("start", "wait")
    .flow("wait", "call")
    .flow("call", "won", { id: "call-ok", outcome: { kind: "success", label: "Called" } })
    .build();
}

/** start → SMS to the customer (connector task) → call (operator) → won. */
export function notifyRoute(key = "notify"): Route {
  return route(key)
    .stage("new").stage("done", "won")
    .start("start")
    .service("sms", "sms", "send", { phone: "customer.phone" })
    .task("call", { role: "operator", stage: "new" })
    .end("won", { outcome: "won", stage: "done" })
    .chain("start", "sms", "call")
    .flow("call", "won", { id: "call-ok", outcome: { kind: "success", label: "Called" } })
    .build();
}

/** start → wait for the message `payment.received` → hand over (store admin) → won. */
export function paymentRoute(key = "paid"): Route {
  return route(key)
    .stage("awaiting_payment").stage("handover").stage("done", "won")
    .start("start")
    .receive("payment", "payment.received")
    .task("handover", { role: "store_admin", stage: "handover" })
    .end("won", { outcome: "won", stage: "done" })
    .chain("start", "payment", "handover")
    .flow("handover", "won", { id: "handover-ok", outcome: { kind: "success", label: "Handed over" } })
    .build();
}

/** Reasons: customer ones for operators, technical ones for store admins at assembly. */
export const TEST_REASONS: ReasonRow[] = [
  { code: "customer_refused", labelEn: "Customer refused", labelRu: "Клиент отказался", roles: ["operator"], stages: [], active: true },
  { code: "out_of_stock", labelEn: "Out of stock", labelRu: "Нет в наличии", roles: ["store_admin"], stages: ["assembly"], active: true },
  { code: "retired", labelEn: "Retired", labelRu: "Устарела", roles: ["operator"], stages: [], active: false },
];

/** A fresh test database prepared by `prepare`, and services on it with a fixed clock. */
export async function openPreparedRuntime(now: Date, routes?: Route[]): Promise<{ db: TestDatabase; services: Services }> {
  const db = await openTestDatabase();
  await prepare(db.dataSource, routes, now);
  return { db, services: createServices(db.dataSource, { now: () => now }) };
}

/** Publishes the mini route (and optionally more), seeds demo users and the test reasons. */
export async function prepare(dataSource: DataSource, routes: Route[] = [miniRoute()], now = new Date()): Promise<void> {
  const ctx = createContext(dataSource, { now: () => now });
  for (const r of routes) await publishCompiled(ctx, r, { xml: "<definitions/>", publishedBy: "test" });
  await seedDemo(dataSource, now);
  for (const reason of TEST_REASONS) await insertRow<ReasonRow>(dataSource.manager, Entities.Reason, reason);
}

/** The Caller of a demo user. */
export async function callerOf(dataSource: DataSource, login: string): Promise<Caller> {
  const user = await dataSource.getRepository<UserRow>(Entities.User).findOneByOrFail({ login });
  return { userId: user.id, login: user.login, roles: user.roles, store: user.store };
}

/** A valid order (definitions/schemas/order.schema.json) for store A, picked up. */
export function order(externalId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId,
    createdAt: "2026-05-01T10:00:00Z",
    customer: { name: "Anna Petrova", phone: "+79001234567", email: "anna@example.com", ageVerified: true },
    city: "Moscow",
    store: "A",
    fulfilment: { type: "pickup" },
    items: [
      { sku: "KVS-1", name: "Kvass", quantity: 2, price: 120, key: true, analogues: ["KEF-1"] },
      { sku: "CUC-1", name: "Cucumbers", quantity: 1, price: 149 },
    ],
    payment: { type: "prepaid" },
    ...extra,
  };
}

/** Every row of the tables a command writes, to compare before and after. */
export async function dumpCommandTables(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const entity of [Entities.Deal, Entities.Task, Entities.Timer, Entities.Outbox, Entities.StageHistory, Entities.Audit]) {
    const repository = dataSource.getRepository(entity);
    const key = repository.metadata.primaryColumns[0].propertyName;
    dump[entity] = await repository.find({ order: { [key]: "ASC" } });
  }
  return dump;
}

/** Starts a deal of `store` on the mini route and verifies it: returns the store admin's pick task it then waits at. */
export async function pickIn(services: Services, dataSource: DataSource, store: "A" | "B", externalId: string): Promise<TaskView> {
  const { deal } = await services.deals.start(order(externalId, { store }), await callerOf(dataSource, "operator"));
  const admin = await callerOf(dataSource, "admin");
  const [verify] = (await services.deals.get(deal.id, admin)).tasks!.filter((t) => t.status === "open");
  await services.tasks.complete(verify!.id, { outcome: "success" }, await callerOf(dataSource, "operator"));
  return (await services.deals.get(deal.id, admin)).tasks!.find((t) => t.status === "open")!;
}
