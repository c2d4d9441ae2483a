/**
 * `npx tsx bench/cpu-profile.ts`: runs the MariaDB runtime part (32 deals in flight) under the V8 profiler
 * and prints where the engine process spends its CPU, by package and by function (self time).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "mysql2/promise";
import { benchRuntime } from "./parts/runtime.bench.ts";

const SERVER = process.env.BENCH_MARIADB_URL ?? "mysql://root@127.0.0.1:3306";
const DB = "order_routes_bench";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const xml = readFileSync(new URL("./fixtures/five-tasks.bpmn", import.meta.url), "utf8");
const conn = await createConnection({ uri: SERVER });
await conn.query(`DROP DATABASE IF EXISTS ${DB}`);
await conn.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4`);
await conn.end();

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.start");
const result = await benchRuntime(xml, { name: "runtime, MariaDB (profiled)", url: `${SERVER}/${DB}`, inFlight: 32, seconds: 6 });
const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
const file = join(tmpdir(), "order-routes-bench.cpuprofile");
writeFileSync(file, JSON.stringify(profile));

console.log(`${result.name}: ${result.tasksPerSec?.toFixed(1)} tasks/s, p99 ${result.p99Ms?.toFixed(1)} ms (${result.note})`);
console.log(`CPU profile (open in Chrome DevTools): ${file}\n`);
printTop("by package (self time, whole run incl. deal starts)", profile, category, 15);
printTop("by function (self time)", profile, (n) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`, 20);
process.exit(0);

function printTop(title: string, profile: Profile, key: (node: ProfileNode) => string, limit: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (const id of profile.samples) {
    const k = key(byId.get(id)!);
    totals.set(k, (totals.get(k) ?? 0) + 1);
  }
  console.log(title);
  for (const [k, n] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`  ${((100 * n) / profile.samples.length).toFixed(1).padStart(5)}%  ${k}`);
  }
  console.log("");
}

function category(node: ProfileNode): string {
  const url = node.callFrame.url;
  if (!url) return `(native) ${node.callFrame.functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  const ours = /\/(engine\/[^/]+|bench)\//.exec(url);
  if (ours) return `ours ${ours[1]}`;
  return url.startsWith("node:") ? `node ${url.slice(5).split("/")[0]}` : url;
}
