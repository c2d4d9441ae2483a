/**
 * The composed server: a first start migrates, seeds, publishes the reference route once and serves the
 * home page and the API; a second start on the same database seeds and publishes nothing new.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pino } from "pino";
import { startServer } from "../../engine/server.ts";
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
    } finally {
      await db.close();
    }
  });
});
