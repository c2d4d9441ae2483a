import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import express from "express";
import request from "supertest";
import { notificationsRoutes } from "../../engine/api/notifications.routes.ts";
import { notify } from "../../engine/runtime/notifications/index.ts";
import type { NotificationView } from "../../engine/runtime/notifications/types.ts";
import { inTransaction } from "../../engine/store/index.ts";
import { openApi, order, type ApiHarness } from "./api-harness.ts";

const REFERENCE = readFileSync(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url), "utf8");

let api: ApiHarness;
let server: Server;
let port: number;
const ids: Record<string, string> = {};

before(async () => {
  api = await openApi();
  server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  for (const login of ["operator", "store-a", "manager"]) {
    ids[login] = (await request(api.app).get("/api/auth/me").set(await api.as(login)).expect(200)).body.userId;
  }
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await api.close();
});

const mention = (login: string, title: string) =>
  inTransaction(api.db.dataSource, (manager) => notify(manager, [{ kind: "user", userId: ids[login]! }], { kind: "mention", title }));

describe("GET /api/notifications/stream", () => {
  it("should stream only the caller's notifications published after connecting", async () => {
    // given
    const stream = await openStream({ headers: await api.as("store-a") });
    await stream.live;
    // when
    await mention("operator", "for someone else");
    const [mine] = await mention("store-a", "for you");
    // then
    const [event] = await stream.next(1);
    stream.close();
    assert.equal(stream.response.headers["content-type"], "text/event-stream; charset=utf-8");
    assert.deepEqual({ event: event!.event, id: event!.id }, { event: "notification", id: mine!.id });
    assert.equal(JSON.parse(event!.data).title, "for you");
  });

  it("should replay the notifications missed since Last-Event-ID, then go on live", async () => {
    // given
    const [seen] = await mention("manager", "seen");
    await mention("manager", "missed 1");
    await mention("manager", "missed 2");
    // when
    const stream = await openStream({ headers: { ...(await api.as("manager")), "Last-Event-ID": seen!.id } });
    await stream.live;
    await mention("manager", "live");
    // then
    const events = await stream.next(3);
    stream.close();
    assert.deepEqual(events.map((e) => JSON.parse(e.data).title), ["missed 1", "missed 2", "live"]);
  });

  it("should take the token from ?access_token= (EventSource cannot set headers)", async () => {
    // given
    const token = (await api.as("operator")).Authorization.slice("Bearer ".length);
    const stream = await openStream({ query: `?access_token=${encodeURIComponent(token)}` });
    await stream.live;
    // when
    const [sent] = await mention("operator", "by query token");
    // then
    const [event] = await stream.next(1);
    stream.close();
    assert.equal(event!.id, sent!.id);
  });

  it("should send a heartbeat comment at the configured interval", async () => {
    // given a router with a short heartbeat, on its own server
    const app = express().use("/api/notifications", notificationsRoutes(api.services.notifications, api.services.auth, { heartbeatMs: 5 }));
    const quick = createServer(app);
    await new Promise<void>((resolve) => quick.listen(0, "127.0.0.1", resolve));
    // when
    const stream = await openStream({ headers: await api.as("operator"), port: (quick.address() as AddressInfo).port });
    // then
    await stream.comment(": heartbeat");
    stream.close();
    quick.closeAllConnections();
    await new Promise((resolve) => quick.close(resolve));
  });

  it("should end open streams when the service shuts down (so the server can close)", async () => {
    // given
    const stream = await openStream({ headers: await api.as("operator") });
    await stream.live;
    const ended = new Promise<void>((resolve) => stream.response.on("end", resolve));
    // when
    api.services.notifications.shutdown();
    // then
    await ended;
    assert.equal(stream.response.complete, true);
  });

  it("should refuse a Last-Event-ID that is not a notification id", async () => {
    // when
    const res = await request(api.app).get("/api/notifications/stream").set(await api.as("operator")).set("Last-Event-ID", "42");
    // then
    assert.equal(res.status, 400);
    assert.match(res.headers["content-type"]!, /^application\/problem\+json/);
  });

  it("should answer 401 problem+json without a token", async () => {
    // when
    const res = await request(api.app).get("/api/notifications/stream");
    // then
    assert.equal(res.status, 401);
    assert.match(res.headers["content-type"]!, /^application\/problem\+json/);
    assert.equal(JSON.parse(res.text).status, 401);
  });
});

describe("task notifications", () => {
  it("should tell the operators, live, of the task a new deal creates for their role", async () => {
    // given
    await request(api.app).post("/api/routes").set(await api.as("admin")).type("application/xml").send(REFERENCE).expect(201);
    const stream = await openStream({ headers: await api.as("operator") });
    await stream.live;
    // when
    const started = await request(api.app).post("/api/deals").set(await api.as("admin")).send(order("NOTIF-1")).expect(201);
    // then
    const task = (await api.deal(started.body.id)).tasks!.find((t) => t.status === "open")!;
    const [event] = await stream.next(1);
    stream.close();
    const notification = JSON.parse(event!.data) as NotificationView;
    assert.deepEqual(
      { kind: notification.kind, dealId: notification.dealId, taskId: notification.taskId, userId: notification.userId },
      { kind: "task.created", dealId: started.body.id, taskId: task.id, userId: ids.operator },
    );
    assert.equal(notification.title, `New task: ${task.title}`);
    assert.equal(notification.payload?.taskTitle, task.title, "the plain task title, for templates in any language");
    const storeAdmin = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ dealId: started.body.id }) }).set(await api.as("store-a"));
    assert.deepEqual(storeAdmin.body, [], "not the store admin's task");
  });
});

describe("GET /api/notifications, POST /api/notifications/read", () => {
  it("should list the caller's notifications with Content-Range and count the unread", async () => {
    // given
    const operator = await api.as("operator");
    // when
    const list = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ read: false }), range: "[0,9]" }).set(operator);
    const count = await request(api.app).get("/api/notifications/unread-count").set(operator);
    // then
    assert.equal(list.status, 200);
    assert.ok(list.body.length >= 2);
    assert.ok(list.body.every((n: NotificationView) => n.userId === ids.operator && !n.read));
    assert.match(list.headers["content-range"]!, /^notifications 0-\d+\/\d+$/);
    assert.deepEqual(count.body, { count: list.body.length });
  });

  it("should answer 404 on marking another user's notification, and mark the caller's own", async () => {
    // given
    const operator = await api.as("operator");
    const [theirs] = await mention("manager", "not the operator's");
    const [own] = await mention("operator", "the operator's");
    // when
    const refused = await request(api.app).post("/api/notifications/read").set(operator).send({ ids: [theirs!.id] });
    const marked = await request(api.app).post("/api/notifications/read").set(operator).send({ ids: [own!.id] });
    const all = await request(api.app).post("/api/notifications/read").set(operator).send({ all: true });
    // then
    assert.equal(refused.status, 404);
    assert.match(refused.headers["content-type"]!, /^application\/problem\+json/);
    assert.deepEqual(marked.body, { updated: 1 });
    assert.equal(all.status, 200);
    assert.deepEqual((await request(api.app).get("/api/notifications/unread-count").set(operator)).body, { count: 0 });
    const managers = await request(api.app).get("/api/notifications").query({ filter: JSON.stringify({ read: false }) }).set(await api.as("manager"));
    assert.ok(managers.body.some((n: NotificationView) => n.id === theirs!.id));
  });

  it("should refuse a body with neither ids nor all", async () => {
    // when
    const res = await request(api.app).post("/api/notifications/read").set(await api.as("operator")).send({ everything: true });
    // then
    assert.equal(res.status, 400);
  });
});

/** One server-sent event. */
interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Opens the stream with the node http client; `live` resolves once the server says the stream is live. */
async function openStream(options: { headers?: Record<string, string>; query?: string; port?: number }) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = "";
  let markLive!: () => void;
  const live = new Promise<void>((resolve) => (markLive = resolve));
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: options.port ?? port, path: `/api/notifications/stream${options.query ?? ""}`, headers: { Accept: "text/event-stream", ...options.headers } }, resolve);
    req.on("error", reject);
    req.end();
  });
  assert.equal(response.statusCode, 200);
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(":")) comments.push(block);
      if (block === ": live") markLive();
      const event = parseEvent(block);
      if (event) events.push(event);
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  response.on("error", () => undefined);
  let taken = 0;
  return {
    response,
    live,
    /** The next `count` events (waits for them). */
    async next(count: number): Promise<SseEvent[]> {
      while (events.length < taken + count) await new Promise<void>((resolve) => waiters.push(resolve));
      const batch = events.slice(taken, taken + count);
      taken += count;
      return batch;
    },
    /** Waits until the stream has sent the comment line. */
    async comment(line: string): Promise<void> {
      while (!comments.includes(line)) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => response.destroy(),
  };
}

function parseEvent(block: string): SseEvent | undefined {
  const event: SseEvent = { data: "" };
  let hasData = false;
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const [field, ...rest] = line.split(":");
    const value = rest.join(":").replace(/^ /, "");
    if (field === "id") event.id = value;
    else if (field === "event") event.event = value;
    else if (field === "data") (event.data += (hasData ? "\n" : "") + value), (hasData = true);
  }
  return hasData ? event : undefined;
}
