/**
 * Test kit: an HTTP server on loopback that answers like a provider (recorded responses from its documented
 * contract) and keeps every request it received, for assertions.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the stub received. */
export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A response the stub sends. */
export interface StubResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A running stub. */
export interface HttpStub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/** Starts a stub on 127.0.0.1 (a free port) answering each request with `respond(request)`. */
export async function startHttpStub(respond: (request: StubRequest) => StubResponse | Promise<StubResponse>): Promise<HttpStub> {
  const requests: StubRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    requests.push(request);
    try {
      const answer = await respond(request);
      const body = answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": typeof answer.body === "string" ? "text/plain" : "application/json", ...answer.headers });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
