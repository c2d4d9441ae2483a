/**
 * The `paths` of the OpenAPI document: one entry per endpoint the app mounts.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/json": { schema } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (description: string, schema: unknown, headers?: Record<string, unknown>) => ({ description, content: json(schema), ...(headers && { headers }) });

const listParams = [
  { name: "sort", in: "query", description: 'JSON ["field", "ASC" | "DESC"]', schema: { type: "string" }, example: '["createdAt","DESC"]' },
  { name: "range", in: "query", description: "JSON [start, end], inclusive", schema: { type: "string" }, example: "[0,24]" },
  { name: "filter", in: "query", description: "JSON object of field filters", schema: { type: "string" }, example: "{}" },
];
const idParam = (description: string) => ({ name: "id", in: "path", required: true, description, schema: { type: "string" } });
const contentRange = {
  "Content-Range": { description: "`<resource> <start>-<end>/<total>`", schema: { type: "string" } },
  "Access-Control-Expose-Headers": { schema: { type: "string" } },
};
const common = { "401": problem("No valid bearer token."), "500": problem("Internal error (details are logged, not sent).") };
const forbidden = { "403": problem("The caller lacks the role.") };
const badBody = { "400": problem("Malformed or invalid body, with a pointer to each field at fault.") };
const notFound = { "404": problem("Unknown or not visible.") };
const xmlOrJson = {
  required: true,
  content: {
    "application/xml": { schema: { type: "string" } },
    "text/xml": { schema: { type: "string" } },
    "application/json": { schema: ref("PublishRequest") },
  },
};

/** Every operation, keyed by OpenAPI path template and method. */
export const paths: Record<string, Record<string, unknown>> = {
  "/api/health": {
    get: { tags: ["meta"], summary: "Liveness", security: [], responses: { "200": ok("Up.", ref("Health")) } },
  },
  "/api/openapi.json": {
    get: { tags: ["meta"], summary: "This document", security: [], responses: { "200": ok("OpenAPI 3.1.", { type: "object" }) } },
  },
  "/api/auth/login": {
    post: {
      tags: ["auth"], summary: "Log in for a bearer token", security: [],
      requestBody: { required: true, content: json(ref("LoginRequest")) },
      responses: { "200": ok("Logged in.", ref("LoginResponse")), ...badBody, "401": problem("Wrong login or password.") },
    },
  },
  "/api/auth/logout": {
    post: { tags: ["auth"], summary: "End the session of this token", responses: { "204": { description: "Logged out." }, ...common } },
  },
  "/api/auth/me": {
    get: { tags: ["auth"], summary: "The caller behind the token", responses: { "200": ok("The caller.", ref("Caller")), ...common } },
  },
  "/api/routes": {
    get: {
      tags: ["routes"], summary: "Route versions with their lint issues", parameters: listParams,
      responses: { "200": ok("A page.", { type: "array", items: ref("RouteVersion") }, contentRange), "400": problem("Bad list parameter."), ...common },
    },
    post: {
      tags: ["routes"], summary: "Publish a new immutable route version (admin)", requestBody: xmlOrJson,
      responses: {
        "201": ok("Published; Location names the version.", ref("RouteVersion"), { Location: { schema: { type: "string" } } }),
        ...badBody, ...common, ...forbidden,
        "415": problem("Neither XML nor JSON."),
        "422": problem("The engine cannot run it: each error names its BPMN element."),
      },
    },
  },
  "/api/routes/validate": {
    post: {
      tags: ["routes"], summary: "Compile and lint without publishing (admin)", requestBody: xmlOrJson,
      responses: { "200": ok("The compile result.", ref("CompileResult")), ...badBody, ...common, ...forbidden, "415": problem("Neither XML nor JSON.") },
    },
  },
  "/api/routes/{id}": {
    get: {
      tags: ["routes"], summary: "One route version with its XML", parameters: [idParam("Route version id.")],
      responses: { "200": ok("The version.", ref("RouteVersionWithXml")), ...common, ...notFound },
    },
  },
  "/api/deals": {
    get: {
      tags: ["deals"], summary: "Deals visible to the caller", parameters: listParams,
      responses: { "200": ok("A page.", { type: "array", items: ref("Deal") }, contentRange), "400": problem("Bad list parameter."), ...common },
    },
    post: {
      tags: ["deals"], summary: "Start a deal from an order (admin, operator, integrator); idempotent on externalId",
      parameters: [{ name: "route", in: "query", description: "Route key (default: order-fulfilment).", schema: { type: "string" } }],
      requestBody: { required: true, content: json(ref("Order")) },
      responses: {
        "201": ok("Started; Location names the deal.", ref("Deal"), { Location: { schema: { type: "string" } } }),
        "200": ok("Already started from this externalId.", ref("Deal")),
        ...badBody, ...common, ...forbidden,
        "422": problem("The order is invalid (each error has a pointer), e.g. 18+ items without age verification."),
      },
    },
  },
  "/api/deals/{id}": {
    get: {
      tags: ["deals"], summary: "One deal with its tasks, stage history and audit", parameters: [idParam("Deal id.")],
      responses: { "200": ok("The deal.", ref("Deal")), ...common, ...notFound },
    },
  },
  "/api/deals/{id}/comments": {
    post: {
      tags: ["deals"], summary: "Comment on a deal; each active @login in the text gets a mention notification", parameters: [idParam("Deal id.")],
      requestBody: { required: true, content: json({ type: "object", required: ["text"], properties: { text: { type: "string", maxLength: 4000 } } }) },
      responses: {
        "201": ok("The comment as an audit entry (action deal.commented) on the deal's timeline.", ref("Audit")),
        ...badBody, ...common, ...notFound,
        "422": problem("Empty or too long text (pointer /text)."),
      },
    },
  },
  "/api/tasks": {
    get: {
      tags: ["tasks"], summary: "Tasks visible to the caller (staff and admin)", parameters: listParams,
      responses: { "200": ok("A page.", { type: "array", items: ref("Task") }, contentRange), "400": problem("Bad list parameter."), ...common, ...forbidden },
    },
  },
  "/api/tasks/{id}": {
    get: {
      tags: ["tasks"], summary: "One task", parameters: [idParam("Task id.")],
      responses: { "200": ok("The task.", ref("Task")), ...common, ...forbidden, ...notFound },
    },
  },
  "/api/tasks/{id}/complete": {
    post: {
      tags: ["tasks"], summary: "Complete a task with an outcome (and a reason on failure)", parameters: [idParam("Task id.")],
      requestBody: { required: true, content: json(ref("CompleteTaskRequest")) },
      responses: {
        "200": ok("Completed; the deal moved on.", ref("CompleteTaskResponse")),
        ...badBody, ...common, ...forbidden, ...notFound,
        "409": problem("The task is no longer open (e.g. completed twice)."),
        "422": problem("Unknown outcome, a reason missing or not allowed for the role, or a required checklist item not ticked on success (pointer /checklist)."),
      },
    },
  },
  "/api/messages": {
    post: {
      tags: ["messages"], summary: "Deliver a named message to a deal (admin, operator, integrator)",
      requestBody: { required: true, content: json(ref("MessageRequest")) },
      responses: { "202": ok("Delivered; the deal after it.", ref("Deal")), ...badBody, ...common, ...forbidden, ...notFound, "422": problem("Nothing in the deal waits for this message.") },
    },
  },
  ...taskActions(),
  ...catalogue("reasons", "Reason", "Reason", "the cancellation reasons catalogue (read by everyone signed in; written by admins; DELETE retires)", true),
  ...catalogue("users", "AdminUser", "UserInput", "users (admin; DELETE deactivates)"),
  ...catalogue("stores", "Store", "Store", "stores (admin; DELETE only when no user or deal names it)"),
  ...catalogue("teams", "Team", "Team", "teams and their managers (admin; DELETE only without members)"),
  ...catalogue("task-templates", "TaskTemplate", "TaskTemplate", "reusable task templates referenced by user tasks (admin; DELETE retires)"),
};

/** Claim, release and reassign of a task. */
function taskActions(): Record<string, Record<string, unknown>> {
  const action = (summary: string, body?: unknown) => ({
    post: {
      tags: ["tasks"], summary, parameters: [idParam("Task id.")],
      ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
      responses: {
        "200": ok("The task after it.", ref("Task")),
        ...(body ? badBody : {}), ...common, ...notFound,
        "403": problem("The caller may not act on the task."),
        "409": problem("The task is held by someone else, or no longer open."),
        ...(body ? { "422": problem("The user is unknown, inactive, outside your team, or not eligible (role, store); pointer /user.") } : {}),
      },
    },
  });
  return {
    "/api/tasks/{id}/claim": action("Claim a pool task (eligible staff)"),
    "/api/tasks/{id}/release": action("Give a claimed task back to its pool (its holder, the team's manager, admin)"),
    "/api/tasks/{id}/reassign": action("Hand a task to an eligible user (the team's manager, admin)", ref("ReassignRequest")),
  };
}

/** react-admin simple-REST CRUD paths of a catalogue. */
function catalogue(resource: string, view: string, input: string, what: string, openRead = false): Record<string, Record<string, unknown>> {
  const tags = [resource];
  const readForbidden = openRead ? {} : forbidden;
  const invalid = { "422": problem("The body does not match the schema: each error has a pointer.") };
  const id = [idParam(`Id of the ${resource.replace(/s$/, "")}.`)];
  return {
    [`/api/${resource}`]: {
      get: {
        tags, summary: `List ${what}`, parameters: listParams,
        responses: { "200": ok("A page.", { type: "array", items: ref(view) }, contentRange), "400": problem("Bad list parameter."), ...common, ...readForbidden },
      },
      post: {
        tags, summary: `Create in ${what}`, requestBody: { required: true, content: json(ref(input)) },
        responses: { "201": ok("Created; Location names it.", ref(view)), ...badBody, ...common, ...forbidden, "409": problem("It exists already."), ...invalid },
      },
    },
    [`/api/${resource}/{id}`]: {
      get: { tags, summary: `One of ${what}`, parameters: id, responses: { "200": ok("Found.", ref(view)), ...common, ...readForbidden, ...notFound } },
      put: {
        tags, summary: `Change one of ${what}`, parameters: id, requestBody: { required: true, content: json(ref(input)) },
        responses: { "200": ok("Changed.", ref(view)), ...badBody, ...common, ...forbidden, ...notFound, ...invalid },
      },
      delete: {
        tags, summary: `Delete (or retire / deactivate) one of ${what}`, parameters: id,
        responses: { "200": ok("As it was or is now.", ref(view)), ...common, ...forbidden, ...notFound, "409": problem("Still in use.") },
      },
    },
  };
}
