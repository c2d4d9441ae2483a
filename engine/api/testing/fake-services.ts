/**
 * An in-memory stand-in for the runtime's Services, for the API's unit tests only: it checks nothing
 * but what the HTTP layer relies on (tokens, roles in callers, idempotency, 404/409/422 problems).
 */
import { Problem } from "../../problem.ts";
import { fakeNotifications } from "./fake-notifications.ts";
import type { AdminService, Caller, DealView, ListQuery, Page, RouteVersionView, Services, TaskView } from "../../runtime/contract.ts";

const USERS: Record<string, { password: string; roles: string[] }> = {
  admin: { password: "admin", roles: ["admin"] },
  operator: { password: "operator", roles: ["operator"] },
  analyst: { password: "analyst", roles: ["analyst"] },
};

/** Builds fresh fake services; `calls` records the service methods the API called. */
export function fakeServices(): Services & { calls: string[] } {
  const calls: string[] = [];
  const sessions = new Map<string, Caller>();
  const versions: (RouteVersionView & { xml: string })[] = [];
  const deals = new Map<string, DealView>();
  const tasks = new Map<string, TaskView>();
  const now = "2026-01-01T00:00:00.000Z";
  const assign = (id: string, assignee: string | null): TaskView => {
    const task = tasks.get(id);
    if (!task) throw new Problem(404, "Not Found", `No task ${id}.`);
    task.assignee = assignee;
    return task;
  };

  return {
    calls,
    notifications: fakeNotifications(calls),
    // the API's connector routes are tested against the real runtime (test/feature/connectors.api.test.ts)
    connectors: new Proxy({} as Services["connectors"], {
      get: (_target, name) => {
        throw new Problem(501, "Not faked", `The fake services have no connectors.${String(name)}.`);
      },
    }),
    // the message template routes are tested against the real runtime (test/feature/message-templates.api.test.ts)
    messageTemplates: new Proxy({} as Services["messageTemplates"], {
      get: (_target, name) => {
        throw new Problem(501, "Not faked", `The fake services have no messageTemplates.${String(name)}.`);
      },
    }),
    telephony: new Proxy({} as Services["telephony"], {
      get: (_target, name) => {
        throw new Problem(501, "Not faked", `The fake services have no telephony.${String(name)}.`);
      },
    }),
    auth: {
      async login(login, password) {
        calls.push("auth.login");
        const user = USERS[login];
        if (!user || user.password !== password) throw new Problem(401, "Unauthorized", "Wrong login or password.");
        const token = `t-${login}-${sessions.size}`;
        sessions.set(token, { userId: login, login, roles: user.roles });
        return { token, user: { id: login, login, name: login, roles: user.roles } };
      },
      async authenticate(token) {
        return sessions.get(token) ?? null;
      },
      async logout(token) {
        calls.push("auth.logout");
        sessions.delete(token);
      },
    },
    routes: {
      async validate(xml) {
        calls.push("routes.validate");
        return xml.includes("definitions") ? { ok: true, issues: [] } : { ok: false, issues: [{ rule: "xml", severity: "error", message: "Not BPMN." }] };
      },
      async publish(xml, caller) {
        calls.push("routes.publish");
        if (!xml.includes("definitions")) throw new Problem(422, "Route refused", "The route has errors.", [{ element: "Process_1", message: "Not BPMN." }]);
        const version = { id: versions.length + 1, key: "r", version: versions.length + 1, name: "R", publishedAt: now, publishedBy: caller?.login ?? null, issues: [], xml };
        versions.push(version);
        return version;
      },
      async list(query) {
        return page(versions.map(({ xml: _xml, ...v }) => v), query);
      },
      async get(id) {
        const version = versions.find((v) => v.id === id);
        if (!version) throw new Problem(404, "Not Found", `No route version ${id}.`);
        return version;
      },
    },
    deals: {
      async start(order) {
        calls.push("deals.start");
        const externalId = (order as { externalId?: unknown } | undefined)?.externalId;
        if (typeof externalId !== "string") throw new Problem(422, "Invalid order", "The order is invalid.", [{ pointer: "/externalId", message: "Required." }]);
        const existing = [...deals.values()].find((d) => d.externalId === externalId);
        if (existing) return { deal: existing, created: false };
        const id = `d${deals.size + 1}`;
        const deal: DealView = { id, externalId, routeKey: "r", routeVersion: 1, status: "running", stage: "new", data: {}, createdAt: now, updatedAt: now };
        deals.set(id, deal);
        const task: TaskView = { id: `t${tasks.size + 1}`, dealId: id, token: "k", element: "Verify", title: "Verify", status: "open", outcomes: [], createdAt: now };
        tasks.set(task.id, task);
        return { deal, created: true };
      },
      async list(query) {
        return page([...deals.values()], query);
      },
      async get(id) {
        const deal = deals.get(id);
        if (!deal) throw new Problem(404, "Not Found", `No deal ${id}.`);
        return { ...deal, tasks: [...tasks.values()].filter((t) => t.dealId === id), history: [], audit: [] };
      },
      async message(message) {
        calls.push("deals.message");
        const deal = [...deals.values()].find((d) => d.id === message.dealId || d.externalId === message.orderId);
        if (!deal) throw new Problem(404, "Not Found", "No such deal.");
        return deal;
      },
      async comment(id, text, caller) {
        calls.push("deals.comment");
        if (!deals.has(id)) throw new Problem(404, "Not Found", `No deal ${id}.`);
        return { id: 1, at: new Date(0).toISOString(), actor: caller.login, role: caller.roles[0] ?? null, action: "deal.commented", payload: { text } };
      },
    },
    tasks: {
      async list(query) {
        return page([...tasks.values()], query);
      },
      async get(id) {
        const task = tasks.get(id);
        if (!task) throw new Problem(404, "Not Found", `No task ${id}.`);
        return task;
      },
      async complete(id, input, caller) {
        calls.push("tasks.complete");
        const task = tasks.get(id);
        if (!task) throw new Problem(404, "Not Found", `No task ${id}.`);
        if (task.status !== "open") throw new Problem(409, "Conflict", "The task is no longer open.");
        Object.assign(task, { status: "completed", outcome: input.outcome, reason: input.reason ?? null, completedBy: caller.login });
        return { task, deal: deals.get(task.dealId) as DealView, next: [] };
      },
      async claim(id, caller) {
        calls.push("tasks.claim");
        return assign(id, caller.userId);
      },
      async release(id) {
        calls.push("tasks.release");
        return assign(id, null);
      },
      async reassign(id, user) {
        calls.push("tasks.reassign");
        return assign(id, user);
      },
    },
    reasons: memoryAdmin("reasons", calls, "code", [{ code: "customer_refused", label: { en: "Customer refused", ru: "Клиент отказался" }, roles: ["operator"], stages: ["new"], active: true }]),
    users: memoryAdmin("users", calls, "id", []),
    stores: memoryAdmin("stores", calls, "id", [{ id: "A", name: "Hypermarket A" }]),
    teams: memoryAdmin("teams", calls, "id", []),
    taskTemplates: memoryAdmin("task-templates", calls, "id", []),
    timers: {
      async fireDue() {
        return 0;
      },
    },
  };
}

/** An in-memory admin catalogue keyed by `key` (no validation). */
function memoryAdmin<V extends object>(name: string, calls: string[], key: keyof V & string, seed: V[]): AdminService<V> {
  const rows = new Map<string, V>(seed.map((row) => [String(row[key]), row]));
  const found = (id: string): V => {
    const row = rows.get(id);
    if (!row) throw new Problem(404, "Not Found", `No ${name} ${id}.`);
    return row;
  };
  return {
    list: async (query) => page([...rows.values()], query),
    get: async (id) => found(id),
    async create(input) {
      calls.push(`${name}.create`);
      const row = input as V;
      if (rows.has(String(row[key]))) throw new Problem(409, "Conflict", `${name} ${String(row[key])} exists.`);
      rows.set(String(row[key]), row);
      return row;
    },
    async update(id, input) {
      calls.push(`${name}.update`);
      const row = { ...found(id), ...(input as object) } as V;
      rows.set(id, row);
      return row;
    },
    async remove(id) {
      calls.push(`${name}.remove`);
      const row = found(id);
      rows.delete(id);
      return row;
    },
  };
}

function page<T>(all: T[], query: ListQuery): Page<T> {
  const [start, end] = query.range ?? [0, all.length - 1];
  return { items: all.slice(start, end + 1), total: all.length };
}
