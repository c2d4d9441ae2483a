/**
 * Component schemas of the OpenAPI document: request bodies, views and problem+json.
 */

const str = { type: "string" } as const;
const strOrNull = { type: ["string", "null"] } as const;
const dateTime = { type: "string", format: "date-time" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schemas of every body the API takes or returns. */
export const schemas: Record<string, unknown> = {
  Problem: {
    type: "object",
    description: "RFC 9457 problem details; `errors` names each field (JSON pointer) or BPMN element at fault.",
    required: ["type", "title", "status"],
    properties: {
      type: str,
      title: str,
      status: { type: "integer" },
      detail: str,
      errors: { type: "array", items: ref("ProblemDetail") },
    },
  },
  ProblemDetail: {
    type: "object",
    required: ["message"],
    properties: {
      pointer: { type: "string", description: "JSON pointer into the request body, e.g. /customer/phone." },
      element: { type: "string", description: "BPMN element id." },
      name: { type: "string", description: "BPMN element name." },
      message: str,
    },
  },
  LoginRequest: { type: "object", required: ["login", "password"], properties: { login: str, password: str } },
  LoginResponse: { type: "object", required: ["token", "user"], properties: { token: str, user: ref("User") } },
  User: {
    type: "object",
    required: ["id", "login", "name", "roles"],
    properties: { id: str, login: str, name: str, roles: { type: "array", items: str }, store: strOrNull, team: strOrNull },
  },
  Caller: {
    type: "object",
    required: ["userId", "login", "roles"],
    properties: { userId: str, login: str, roles: { type: "array", items: str }, store: strOrNull },
  },
  RouteIssue: {
    type: "object",
    required: ["rule", "severity", "message"],
    properties: { element: str, name: str, rule: str, severity: { enum: ["error", "warning"] }, message: str },
  },
  CompileResult: {
    type: "object",
    required: ["ok", "issues"],
    properties: { ok: { type: "boolean" }, route: { type: "object", description: "The compiled route." }, issues: { type: "array", items: ref("RouteIssue") } },
  },
  RouteVersion: {
    type: "object",
    required: ["id", "key", "version", "name", "publishedAt", "issues"],
    properties: {
      id: { type: "integer" },
      key: str,
      version: { type: "integer" },
      name: str,
      publishedAt: dateTime,
      publishedBy: strOrNull,
      issues: { type: "array", items: ref("RouteIssue") },
      runningDeals: { type: "integer" },
    },
  },
  RouteVersionWithXml: { allOf: [ref("RouteVersion"), { type: "object", required: ["xml"], properties: { xml: str } }] },
  PublishRequest: { type: "object", required: ["xml"], properties: { xml: { type: "string", description: "BPMN 2.0 XML." } } },
  Order: {
    type: "object",
    description: "An order from the storefront, validated against definitions/schemas/order.schema.json.",
    required: ["externalId"],
    properties: { externalId: { type: "string", description: "The storefront's order id (idempotency key)." } },
    additionalProperties: true,
  },
  Outcome: {
    type: "object",
    required: ["flow", "kind", "label"],
    properties: { flow: str, kind: { enum: ["success", "failure", "custom"] }, label: str, color: str },
  },
  Task: {
    type: "object",
    required: ["id", "dealId", "element", "title", "status", "outcomes", "createdAt"],
    properties: {
      id: str,
      dealId: str,
      token: str,
      element: str,
      title: str,
      role: strOrNull,
      store: strOrNull,
      stage: strOrNull,
      status: { enum: ["open", "completed", "failed", "cancelled"] },
      outcomes: { type: "array", items: ref("Outcome") },
      outcome: strOrNull,
      reason: strOrNull,
      completedBy: strOrNull,
      assignee: { type: ["string", "null"], description: "User id holding the task; null while it waits in its role pool." },
      createdAt: dateTime,
      completedAt: { type: ["string", "null"], format: "date-time" },
      dueAt: { type: ["string", "null"], format: "date-time" },
      visibleFrom: { type: ["string", "null"], format: "date-time", description: "Hidden from the staff inbox until then (deferral or time slot)." },
      deferred: { type: "boolean", description: "Open and not visible yet; only admins, managers and analysts see it listed." },
      almostDueAt: { type: ["string", "null"], format: "date-time", description: "When the \"almost overdue\" warning fires." },
      overdue: { type: "boolean", description: "Open and past its deadline." },
      checklist: {
        type: "array",
        items: { type: "object", required: ["id", "label", "required", "done"], properties: { id: str, label: str, required: { type: "boolean" }, done: { type: "boolean" } } },
      },
    },
  },
  StageHistory: {
    type: "object",
    required: ["stage", "kind", "enteredAt"],
    properties: {
      stage: str,
      kind: { enum: ["open", "won", "lost"] },
      enteredAt: dateTime,
      leftAt: { type: ["string", "null"], format: "date-time" },
      outcome: strOrNull,
      reason: strOrNull,
      role: strOrNull,
      user: strOrNull,
    },
  },
  Audit: {
    type: "object",
    required: ["id", "at", "action"],
    properties: { id: { type: "integer" }, at: dateTime, actor: strOrNull, role: strOrNull, action: str, fromStage: strOrNull, toStage: strOrNull, payload: {} },
  },
  Deal: {
    type: "object",
    required: ["id", "externalId", "routeKey", "routeVersion", "status", "data", "createdAt", "updatedAt"],
    properties: {
      id: str,
      externalId: str,
      routeKey: str,
      routeVersion: { type: "integer" },
      status: { enum: ["running", "completed", "terminated"] },
      outcome: { enum: ["won", "lost", null] },
      stage: strOrNull,
      store: strOrNull,
      data: { type: "object" },
      lostReason: strOrNull,
      createdAt: dateTime,
      updatedAt: dateTime,
      snapshot: { type: "object" },
      tasks: { type: "array", items: ref("Task") },
      history: { type: "array", items: ref("StageHistory") },
      audit: { type: "array", items: ref("Audit") },
    },
  },
  CompleteTaskRequest: {
    type: "object",
    required: ["outcome"],
    properties: {
      outcome: { type: "string", description: "`success`, `failure` (with a reason), or the flow id of a custom button (see the task's `outcomes`)." },
      reason: { type: "string", description: "Reason code from /api/reasons; required on failure." },
      output: { type: "object", description: "Data merged into the deal." },
      checklist: { type: "array", items: { type: "string" }, description: "Ids of the ticked checklist items; every required one must be ticked for success." },
    },
  },
  CompleteTaskResponse: {
    type: "object",
    required: ["task", "deal", "next"],
    properties: {
      task: ref("Task"),
      deal: ref("Deal"),
      next: { type: "array", items: ref("Task"), description: "Tasks this completion opened that the caller may work now." },
    },
  },
  MessageRequest: {
    type: "object",
    required: ["name"],
    description: "Give dealId or orderId (the external order id).",
    properties: { name: str, dealId: str, orderId: str, payload: { type: "object" } },
  },
  Reason: {
    type: "object",
    required: ["code", "label", "roles", "stages", "active"],
    description: "definitions/schemas/reasons.schema.json item; `id` repeats the code for react-admin. Retired reasons have active=false.",
    properties: {
      id: str,
      code: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
      label: { type: "object", required: ["en", "ru"], properties: { en: str, ru: str } },
      roles: { type: "array", items: str },
      stages: { type: "array", items: str },
      active: { type: "boolean" },
    },
  },
  AdminUser: {
    type: "object",
    required: ["id", "login", "name", "roles", "active"],
    description: "A user as admins see it (never the password hash).",
    properties: { id: str, login: str, name: str, roles: { type: "array", items: str }, store: strOrNull, team: strOrNull, active: { type: "boolean" } },
  },
  UserInput: {
    type: "object",
    description: "POST needs login, name, password and roles; PUT changes the fields given (password optional).",
    properties: { login: str, name: str, password: { type: "string", minLength: 4 }, roles: { type: "array", items: str }, store: strOrNull, team: strOrNull, active: { type: "boolean" } },
  },
  Store: {
    type: "object",
    required: ["id", "name"],
    properties: {
      id: str,
      name: str,
      city: strOrNull,
      calendar: {
        type: ["object", "null"],
        description: "Working hours for task deadlines and reminders: `{ timeZone, week: { mon: [{ open: \"09:00\", close: \"21:00\" }], … }, holidays: [\"2026-01-01\"] }`; null = round the clock.",
      },
    },
  },
  Team: { type: "object", required: ["id", "name"], properties: { id: str, name: str, manager: { type: ["string", "null"], description: "User id (a login is accepted on input)." } } },
  ReassignRequest: { type: "object", required: ["user"], properties: { user: { type: "string", description: "User id or login." } } },
  Health: { type: "object", required: ["status"], properties: { status: { const: "ok" }, version: str } },
};
