/**
 * The OpenAPI paths and schemas of /api/notifications (merged into the document by document.ts).
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/json": { schema } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (description: string, schema: unknown, headers?: Record<string, unknown>) => ({ description, content: json(schema), ...(headers && { headers }) });
const common = { "401": problem("No valid bearer token."), "500": problem("Internal error (details are logged, not sent).") };
const kinds = ["task.assigned", "task.created", "task.overdue", "task.almost_due", "task.reassigned", "mention"];
const listParams = [
  { name: "sort", in: "query", description: 'JSON ["field", "ASC" | "DESC"]; fields id, kind, createdAt, readAt (default ["id","DESC"], newest first)', schema: { type: "string" } },
  { name: "range", in: "query", description: "JSON [start, end], inclusive", schema: { type: "string" }, example: "[0,24]" },
  { name: "filter", in: "query", description: 'JSON object: read or unread (true | false), kind (one or a list), dealId, taskId, id', schema: { type: "string" }, example: '{"read":false}' },
];
const contentRange = { "Content-Range": { description: "`notifications <start>-<end>/<total>`", schema: { type: "string" } } };
const channel = { type: "object", required: ["to", "kinds"], properties: { to: { type: "string" }, kinds: { type: "array", items: { enum: [...kinds, "*"] } } } };

/** Paths of the notifications endpoints. */
export const notificationPaths: Record<string, Record<string, unknown>> = {
  "/api/notifications": {
    get: {
      tags: ["notifications"], summary: "The caller's notifications, newest first", parameters: listParams,
      responses: { "200": ok("A page.", { type: "array", items: ref("Notification") }, contentRange), "400": problem("Bad list parameter."), ...common },
    },
  },
  "/api/notifications/unread-count": {
    get: {
      tags: ["notifications"], summary: "How many of the caller's notifications are unread",
      responses: { "200": ok("The count.", { type: "object", required: ["count"], properties: { count: { type: "integer" } } }), ...common },
    },
  },
  "/api/notifications/read": {
    post: {
      tags: ["notifications"], summary: "Mark some ({ids}) or all ({all: true}) of the caller's notifications read",
      requestBody: { required: true, content: json(ref("MarkReadRequest")) },
      responses: {
        "200": ok("How many changed.", { type: "object", required: ["updated"], properties: { updated: { type: "integer" } } }),
        "400": problem("Neither ids nor all."), ...common,
        "404": problem("An id is unknown or not the caller's; nothing changed."),
        "422": problem("Empty or too long a list of ids."),
      },
    },
  },
  "/api/notifications/prefs": {
    get: { tags: ["notifications"], summary: "The caller's email/SMS preferences", responses: { "200": ok("The preferences.", ref("NotificationPrefs")), ...common } },
    put: {
      tags: ["notifications"], summary: "Replace the caller's email/SMS preferences (which kinds also go out through a connector)",
      requestBody: { required: true, content: json(ref("NotificationPrefs")) },
      responses: { "200": ok("Saved.", ref("NotificationPrefs")), "400": problem("Malformed body."), ...common, "422": problem("Invalid preferences; each error has a pointer.") },
    },
  },
  "/api/notifications/stream": {
    get: {
      tags: ["notifications"],
      summary: "The caller's notifications live, as Server-Sent Events",
      description:
        "Each event is `event: notification`, `id: <notification id>`, `data: <Notification JSON>`; a comment line every 15 s is a heartbeat. " +
        "With Last-Event-ID (or `lastEventId`) the notifications created after that one are sent first. " +
        "EventSource cannot set headers, so the token may be given as `access_token`. " +
        "Live events that are not stored come without an id: `event: screen-pop`, `data: <ScreenPop JSON>` when a customer calls the operator.",
      parameters: [
        { name: "Last-Event-ID", in: "header", description: "Id of the last notification received.", schema: { type: "string" } },
        { name: "lastEventId", in: "query", description: "Same as the Last-Event-ID header.", schema: { type: "string" } },
        { name: "access_token", in: "query", description: "The bearer token, for clients that cannot set headers.", schema: { type: "string" } },
      ],
      responses: {
        "200": { description: "An endless event stream.", content: { "text/event-stream": { schema: { type: "string" } } } },
        "400": problem("Last-Event-ID is not a notification id."), ...common,
      },
    },
  },
};

/** Schemas of the notifications endpoints. */
export const notificationSchemas: Record<string, unknown> = {
  Notification: {
    type: "object",
    required: ["id", "userId", "kind", "title", "createdAt", "read"],
    properties: {
      id: { type: "string", description: "Time-ordered; the SSE event id." },
      userId: { type: "string" },
      kind: { enum: kinds },
      dealId: { type: ["string", "null"] },
      taskId: { type: ["string", "null"] },
      title: { type: "string" },
      body: { type: ["string", "null"] },
      payload: { type: ["object", "null"] },
      createdAt: { type: "string", format: "date-time" },
      readAt: { type: ["string", "null"], format: "date-time" },
      read: { type: "boolean" },
    },
  },
  MarkReadRequest: {
    oneOf: [
      { type: "object", required: ["ids"], properties: { ids: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 500 } }, additionalProperties: false },
      { type: "object", required: ["all"], properties: { all: { const: true } }, additionalProperties: false },
    ],
  },
  NotificationPrefs: {
    type: "object",
    description: "Opt-in per channel: the address and the kinds (`*` = every kind) that also go out by email or SMS.",
    properties: { email: channel, sms: channel },
    additionalProperties: false,
  },
};
