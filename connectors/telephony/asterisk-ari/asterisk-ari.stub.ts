/**
 * A loopback stand-in for Asterisk's ARI, following api-docs.channels.json and api-docs.events.json: basic
 * auth on REST, `POST /channels` originate (409 when the channel id exists, 400 for an unknown channel
 * technology), `POST /channels/{id}/continue`, `GET /channels`, and the events WebSocket at `/events`
 * (app and api_key=user:pass required) through which a test pushes events. For tests only.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** A REST request the stub received. */
export interface AriRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

/** A running ARI stub. */
export interface AriStub {
  /** The ARI base URL (http://127.0.0.1:<port>/ari). */
  url: string;
  requests: AriRequest[];
  /** The query of each events socket connection, in order. */
  connections: URLSearchParams[];
  /** Answer the next originates with this HTTP status instead of creating the channel. */
  failWith?: number;
  /** Resolves with the first REST request matching `match`, once it has arrived. */
  received(match: (request: AriRequest) => boolean): Promise<AriRequest>;
  /** Resolves with the `count`-th events socket once it is connected. */
  socket(count?: number): Promise<WebSocket>;
  /** Sends an event to every connected events socket. */
  push(event: Record<string, unknown>): void;
  /** Drops every events socket (as when Asterisk restarts). */
  drop(): void;
  close(): Promise<void>;
}

/** Starts the stub for one ARI user. */
export async function startAriStub(username: string, password: string): Promise<AriStub> {
  const requests: AriRequest[] = [];
  const connections: URLSearchParams[] = [];
  const sockets: WebSocket[] = [];
  const waiters: (() => void)[] = [];
  const requestWaiters: (() => void)[] = [];
  const channels = new Map<string, Record<string, unknown>>();
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  const wss = new WebSocketServer({ noServer: true });
  const stub: AriStub = {
    url: "",
    requests,
    connections,
    async received(match) {
      for (;;) {
        const found = requests.find(match);
        if (found) return found;
        await new Promise<void>((resolve) => requestWaiters.push(resolve));
      }
    },
    async socket(count = 1) {
      while (sockets.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return sockets[count - 1]!;
    },
    push(event) {
      for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    },
    drop() {
      for (const socket of sockets) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? "GET", path: req.url ?? "/", authorization: req.headers.authorization, body: Buffer.concat(chunks).toString("utf8") };
    requests.push(request);
    for (const wake of requestWaiters.splice(0)) wake();
    const answer = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.authorization !== expected) return answer(401, { message: "Authentication required" });
    const url = new URL(request.path, "http://ari");
    if (request.method === "GET" && url.pathname === "/ari/channels") return answer(200, [...channels.values()]);
    if (request.method === "POST" && /^\/ari\/channels\/[^/]+\/continue$/.test(url.pathname)) return answer(204);
    if (request.method !== "POST" || url.pathname !== "/ari/channels") return answer(404, { message: "Resource not found" });
    if (stub.failWith) return answer(stub.failWith, { message: "Internal Server Error" });
    const q = url.searchParams;
    const endpoint = q.get("endpoint") ?? "";
    if (!/^(PJSIP|SIP|IAX2|DAHDI|Local)\/.+/.test(endpoint)) return answer(400, { message: "Invalid parameters for originating a channel." });
    const id = q.get("channelId") ?? `${Date.now()}.${channels.size}`;
    if (channels.has(id)) return answer(409, { message: "Channel with given unique ID already exists" });
    const channel = ariChannel(id, `${endpoint}-0000000${channels.size + 1}`, "Down", { number: q.get("callerId") ?? "" }, { context: q.get("context") ?? "default", exten: q.get("extension") ?? "s" });
    channels.set(id, channel);
    return answer(200, channel);
  });
  server.on("upgrade", (req: IncomingMessage, socket, head) => {
    const query = new URL(req.url ?? "/", "http://ari").searchParams;
    if (!req.url?.startsWith("/ari/events") || !query.get("app") || query.get("api_key") !== `${username}:${password}`) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.push(query);
      sockets.push(ws);
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ari`;
  return stub;
}

/** A Channel as the channels model describes it (every required property). */
export function ariChannel(
  id: string,
  name: string,
  state: string,
  caller: { name?: string; number: string },
  dialplan: { context: string; exten: string },
): Record<string, unknown> {
  return {
    id,
    protocol_id: "",
    name,
    state,
    caller: { name: caller.name ?? "", number: caller.number },
    connected: { name: "", number: "" },
    accountcode: "",
    dialplan: { context: dialplan.context, exten: dialplan.exten, priority: 1, app_name: "", app_data: "" },
    creationtime: "2026-05-01T10:00:00.000+0300",
    language: "en",
  };
}
