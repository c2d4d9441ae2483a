/**
 * The load generator of the webhook bench, run in a worker thread (so that it does not take the server's
 * event loop): `clients` keep-alive connections POST signed orders for `seconds`, then it reports the
 * latencies and the answers that were not 201.
 */
import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { benchOrder } from "./order.ts";

/** What the worker is given. */
export interface WebhookClientData {
  port: number;
  secret: string;
  seconds: number;
  clients: number;
}

/** What the worker reports. */
export interface WebhookClientReport {
  latencies: number[];
  failures: string[];
  seconds: number;
}

const { port, secret, seconds, clients } = workerData as WebhookClientData;
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const latencies: number[] = [];
const failures: string[] = [];
let sequence = 0;
const deadline = Date.now() + seconds * 1000;
const start = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (Date.now() < deadline) {
      const body = JSON.stringify(benchOrder(`hook-${process.pid}-${start}-${sequence++}`));
      const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const began = process.hrtime.bigint();
      const answer = await post(body, { "content-type": "application/json", "x-order-routes-event": "order.created", "x-order-routes-signature": signature });
      latencies.push(Number(process.hrtime.bigint() - began) / 1e6);
      if (answer.status !== 201 && failures.length < 5) failures.push(`${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }),
);
agent.destroy();
parentPort!.postMessage({ latencies, failures, seconds: Number(process.hrtime.bigint() - start) / 1e9 } satisfies WebhookClientReport);

function post(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/hooks/shop/orders", method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
