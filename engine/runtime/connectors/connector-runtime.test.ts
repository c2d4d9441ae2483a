import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { defineConnector, type SessionContext } from "../../../connectors/sdk/index.ts";
import { Entities, type ConnectorInstanceRow } from "../../store/index.ts";
import type { Services } from "../contract.ts";
import { createServices } from "../index.ts";
import { callerOf, prepare } from "../testing/fixture.ts";
import { openTestDatabase, type TestDatabase } from "../../../test/support/db.ts";

/** A connector with an event session: records opens and closes, and hands its context out. */
const sessions: { config: Record<string, unknown>; closed: boolean; ctx: SessionContext<Record<string, unknown>> }[] = [];
const pbx = defineConnector<Record<string, unknown>>({
  id: "fake-pbx",
  version: "1.0.0",
  title: "Fake PBX",
  kind: "telephony",
  eager: true,
  configSchema: { type: "object", required: ["url"], properties: { url: { type: "string" }, password: { type: "string", "x-secret": true } } },
  actions: { ping: { title: "Ping", inputSchema: { type: "object" }, run: async (_input, ctx) => ({ status: "delivered", detail: { session: ctx.session === sessions.at(-1) } }) } },
  async open(ctx) {
    const session = { config: ctx.config, closed: false, ctx };
    sessions.push(session);
    return { close: async () => void (session.closed = true) };
  },
  async health({ config }) {
    return { ok: config.url === "http://pbx", detail: `checked ${String(config.url)}` };
  },
});

let db: TestDatabase;
let services: Services;
before(async () => {
  db = await openTestDatabase();
  await prepare(db.dataSource);
  services = createServices(db.dataSource, { connectors: [pbx] });
});
after(async () => {
  await services.connectors.runtime.close();
  await db.close();
});

test("should open an eager connector's session at start, and reopen it with the new configuration after a change", async () => {
  // given
  const admin = await callerOf(db.dataSource, "admin");
  await services.connectors.instances.create({ name: "phone", connector: "fake-pbx", config: { url: "http://pbx", password: "pw" } }, admin);
  // when
  await services.connectors.runtime.openEager();
  await services.connectors.instances.update("phone", { config: { url: "http://pbx2", password: "••••••" } }, admin);
  await services.connectors.runtime.openEager();
  // then
  assert.equal(sessions.length, 2);
  assert.deepEqual([sessions[0]!.closed, sessions[0]!.config.url], [true, "http://pbx"]);
  assert.deepEqual([sessions[1]!.closed, sessions[1]!.config], [false, { url: "http://pbx2", password: "pw" }], "the masked password kept the stored one");
});

test("should run the health check with the stored configuration and report a failure without throwing", async () => {
  assert.deepEqual(await services.connectors.instances.test("phone"), { ok: false, detail: "checked http://pbx2" });
  await assert.rejects(services.connectors.instances.test("nobody"), { status: 404 });
});

test("should refuse an instance of a connector that is not installed any more when it is used", async () => {
  // given an instance row whose connector left the registry
  const [row] = await db.dataSource.getRepository<ConnectorInstanceRow>(Entities.ConnectorInstance).findBy({ name: "phone" });
  await db.dataSource.getRepository(Entities.ConnectorInstance).insert({ ...row!, name: "old", connector: "gone" });
  // then
  await assert.rejects(services.connectors.runtime.resolve("old"), { status: 409, message: /not installed; add its package to ORDER_ROUTES_CONNECTORS/ });
  await assert.rejects(services.connectors.runtime.resolve("missing"), { status: 404 });
});

test("should take a session's events as engine commands (an unknown delivery report is kept for later)", async () => {
  // when the PBX session reports a status for a message the engine has not recorded yet
  await sessions[1]!.ctx.emit([{ type: "message.status", providerId: "early-1", status: "delivered" }]);
  // then
  const kept = await db.dataSource.getRepository(Entities.DeliveryReport).findBy({ instance: "phone", providerId: "early-1" });
  assert.equal(kept.length, 1);
});
