/**
 * The composed server: a first start migrates, seeds, publishes the reference route once and serves the
 * home page and the API; a second start on the same database seeds and publishes nothing new.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pino } from "pino";
import { createHmac } from "node:crypto";
import { DEMO_SHOP_SECRET } from "../../engine/runtime/connectors/demo-instances.ts";
import { startServer } from "../../engine/server.ts";
import { Entities } from "../../engine/store/index.ts";
import { openTestDatabase } from "../support/db.ts";

describe("server", () => {
  it("should start ready to use, and start again without reseeding or republishing", async () => {
    // given
    const db = await openTestDatabase();
    await db.dataSource.destroy();
    const lines: string[] = [];
    const options = { databaseUrl: db.url, port: 0, logger: pino({ level: "silent" }), print: (l: string) => lines.push(l), handleSignals: false };
    try {
      // when
      const first = await startServer(options);
      const home = await fetch(`${first.url}/`);
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "operator", password: "operator" }),
      });
      const { token } = (await login.json()) as { token: string };
      const routes = await fetch(`${first.url}/api/routes`, { headers: { authorization: `Bearer ${token}` } });
      const order = JSON.stringify({ externalId: "DEMO-1", customer: { name: "Anna", phone: "+79001234567" }, fulfilment: { type: "pickup" }, items: [{ sku: "K-1", name: "Kvass", quantity: 1, price: 99 }] });
      const hook = await fetch(`${first.url}/hooks/shop/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-order-routes-event": "order.created", "x-order-routes-signature": `sha256=${createHmac("sha256", DEMO_SHOP_SECRET).update(order).digest("hex")}` },
        body: order,
      });
      const instances = await first.services.connectors.instances.list({});
      const pushes = await first.dataSource.getRepository(Entities.Outbox).countBy({ action: "stage.push" });
      await first.close();
      const firstLines = lines.splice(0);
      const second = await startServer(options);
      const versions = await second.services.routes.list({});
      await second.close();
      // then
      assert.match(firstLines[0], /^order-routes listening on http:\/\/localhost:\d+$/);
      assert.ok(firstLines.some((l) => /^\s+operator\s+operator\s+operator/.test(l)), firstLines.join("\n"));
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<title>order-routes<\/title>[\s\S]*\/api\/openapi\.json/);
      assert.equal(login.status, 200);
      assert.equal(routes.headers.get("content-range"), "routes 0-0/1");
      assert.ok(!lines.some((l) => /^\s+operator\s+operator/.test(l)), "no new demo logins on the second start");
      assert.equal(versions.total, 1);
      assert.deepEqual(instances.items.map((i) => [i.name, i.connector]), [["email", "sandbox"], ["shop", "generic"], ["sms", "sandbox"]]);
      assert.equal(hook.status, 201, await hook.text());
      assert.equal(pushes, 0, "the demo shop has no push URL: no stage pushes are queued for it");
      assert.ok(firstLines.some((l) => l.includes("/hooks/shop/orders") && l.includes(DEMO_SHOP_SECRET)), "the banner says where the demo shop posts orders");
    } finally {
      await db.close();
    }
  });
});
