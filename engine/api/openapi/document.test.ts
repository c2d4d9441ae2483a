import assert from "node:assert/strict";
import { describe, it } from "node:test";
import request from "supertest";
import { harness } from "../testing/harness.ts";
import { mountedRoutes } from "../testing/mounted-routes.ts";

describe("openapi document", () => {
  it("should describe exactly the endpoints the app mounts", async () => {
    // given
    const { app } = harness();
    // when
    const res = await request(app).get("/api/openapi.json");
    // then
    assert.equal(res.status, 200);
    const doc = JSON.parse(res.text);
    assert.equal(doc.openapi, "3.1.0");
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(documented, mountedRoutes(app));
  });

  it("should resolve every schema reference", async () => {
    const res = await request(harness().app).get("/api/openapi.json");
    const refs = [...res.text.matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    assert.ok(refs.length > 10);
    for (const name of refs) assert.ok(res.body.components.schemas[name], `missing schema ${name}`);
  });
});
