/**
 * The outbox survives a crash: the real server is SIGKILLed while 500 messages are in its outbox and some
 * sends are in flight; after a restart every message reaches the receiving HTTP stub (counted there), and
 * the only repeats are sends whose bookkeeping the crash cut off, carrying the same Idempotency-Key (which
 * the provider deduplicates by).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { encryptJson } from "../../connectors/sdk/index.ts";
import { startHttpStub, type HttpStub } from "../../connectors/sdk/testkit/index.ts";
import { Entities, insertRow, type ConnectorInstanceRow, type OutboxRow } from "../../engine/store/index.ts";
import { openTestDatabase, type TestDatabase } from "../support/db.ts";
import { stagePushRows } from "../support/outbox-rows.ts";

const MESSAGES = 500;
const KILL_AFTER = 150;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const key = randomBytes(32);

let db: TestDatabase;
let stub: HttpStub;
/** While true the stub takes requests but never answers (sends in flight when the server dies). */
let hanging = false;
let onRequest: (count: number) => void = () => {};

before(async () => {
  db = await openTestDatabase();
  stub = await startHttpStub(async () => {
    onRequest(stub.requests.length);
    if (hanging) await new Promise(() => {});
    return { status: 204 };
  });
  const now = new Date();
  await insertRow<ConnectorInstanceRow>(db.dataSource.manager, Entities.ConnectorInstance, {
    name: "shop",
    connector: "generic",
    config: encryptJson(key, { secret: "inbound-secret", pushUrl: `${stub.url}/stages`, pushSecret: "push-secret" }),
    enabled: true,
    createdAt: now,
    updatedAt: now,
    updatedBy: "test",
  });
  const rows = stagePushRows(MESSAGES, "shop", "crash-", now);
  for (let i = 0; i < rows.length; i += 100) await db.dataSource.getRepository(Entities.Outbox).insert(rows.slice(i, i + 100));
});
after(async () => {
  await stub.close();
  await db.close();
});

function startEngine(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "engine/cli.ts", "serve"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, PORT: "0", ORDER_ROUTES_SECRET_KEY: key.toString("base64"), ORDER_ROUTES_OUTBOX_LEASE_MS: "5000", ORDER_ROUTES_QUIET_HOURS: "off", LOG_LEVEL: process.env.CRASH_LOG ?? "warn" },
    stdio: ["ignore", process.env.CRASH_LOG ? "inherit" : "ignore", "inherit"],
  });
}

async function statuses(): Promise<Record<string, number>> {
  const rows: { status: string; n: number | string }[] = await db.dataSource.getRepository(Entities.Outbox).createQueryBuilder("m").select("m.status", "status").addSelect("COUNT(*)", "n").groupBy("m.status").getRawMany();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

test("should deliver every outbox message after a SIGKILL mid-run, repeating only cut-off sends under their own idempotency key", { timeout: 120_000 }, async () => {
  // given a server sending, and the stub hanging after KILL_AFTER requests
  const first = startEngine();
  await new Promise<void>((resolve) => {
    onRequest = (count) => {
      if (count < KILL_AFTER || hanging) return;
      hanging = true;
      onRequest = () => {};
      setTimeout(resolve, 300); // let more sends pile up in flight
    };
  });
  // when the server dies
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const atCrash = await statuses();
  const inFlight = new Set((await db.dataSource.getRepository<OutboxRow>(Entities.Outbox).findBy({ status: "sending" })).map((row) => row.idempotencyKey));
  const receivedBeforeRestart = stub.requests.length;
  // and comes back with the provider answering again
  hanging = false;
  const second = startEngine();
  const deadline = Date.now() + 90_000;
  while ((await statuses()).sent !== MESSAGES) {
    assert.ok(Date.now() < deadline, `not all sent: ${JSON.stringify(await statuses())}`);
    if (process.env.CRASH_LOG) console.error(JSON.stringify(await statuses()), stub.requests.length);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  second.kill("SIGTERM");
  await new Promise((resolve) => second.once("exit", resolve));
  // then: the crash really cut sends off
  assert.ok((atCrash.sending ?? 0) > 0 && (atCrash.pending ?? 0) > 0, `state at the crash: ${JSON.stringify(atCrash)}`);
  assert.ok(receivedBeforeRestart >= KILL_AFTER);
  // none lost: every message reached the stub
  const byKey = new Map<string, string[]>();
  for (const request of stub.requests) {
    const idempotencyKey = String(request.headers["idempotency-key"]);
    byKey.set(idempotencyKey, [...(byKey.get(idempotencyKey) ?? []), request.body]);
  }
  assert.equal(byKey.size, MESSAGES);
  for (let i = 0; i < MESSAGES; i++) assert.ok(byKey.has(`crash-${i}`), `crash-${i} never arrived`);
  // repeats only for sends in flight at the crash, each with the same key and the same body
  const repeated = [...byKey].filter(([, bodies]) => bodies.length > 1);
  assert.ok(repeated.length > 0, "some sends were in flight when the server died");
  for (const [idempotencyKey, bodies] of repeated) {
    assert.ok(inFlight.has(idempotencyKey), `${idempotencyKey} was repeated but was not in flight`);
    assert.equal(new Set(bodies).size, 1, "a repeat is the same request under the same key");
  }
});
