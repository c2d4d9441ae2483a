/**
 * A loopback HTTP server that answers 204 to everything and counts the requests, run in a worker thread so
 * that the receiving side of a bench does not take the engine's event loop. Posts `{ port }` when
 * listening and `{ received }` when asked (any message).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort } from "node:worker_threads";

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received++;
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, "127.0.0.1", () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port }));
parentPort!.on("message", () => parentPort!.postMessage({ received }));
