import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import { builtInConnectors } from "../index.ts";
import { checkConnector, createRegistry, loadConnectorPackages } from "./registry.ts";
import type { Connector } from "./types.ts";

const folder = mkdtempSync(join(tmpdir(), "connector-packages-"));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Writes a module exporting `source` and returns its file URL (what ORDER_ROUTES_CONNECTORS may name). */
function modulePackage(name: string, source: string): string {
  const file = join(folder, `${name}.mjs`);
  writeFileSync(file, source);
  return pathToFileURL(file).href;
}

const CONNECTOR = `{ id: "acme-sms", version: "1.0.0", title: "ACME", kind: "sms", configSchema: { type: "object" }, actions: { send: { title: "Send", inputSchema: { type: "object" }, run: async () => ({ status: "sent" }) } } }`;

test("should register every built-in connector under a unique id", () => {
  const registry = createRegistry(builtInConnectors);
  const ids = registry.list().map((connector) => connector.id);
  assert.deepEqual(new Set(ids).size, ids.length);
  for (const id of ["sandbox", "smtp", "twilio", "smpp", "asterisk-ari", "zadarma", "generic", "woocommerce", "shopify", "commerceml"]) assert.ok(registry.get(id), id);
});

test("should load connector packages named in the configuration, by default export or a `connectors` list", async () => {
  // given
  const single = modulePackage("single", `export default ${CONNECTOR};`);
  const many = modulePackage("many", `export const connectors = [{ ...${CONNECTOR}, id: "acme-a" }, { ...${CONNECTOR}, id: "acme-b" }];`);
  // when
  const loaded = await loadConnectorPackages(` ${single}, ${many} `);
  // then
  assert.deepEqual(loaded.map((connector) => connector.id), ["acme-sms", "acme-a", "acme-b"]);
  assert.equal(createRegistry([...builtInConnectors, ...loaded]).get("acme-b")?.title, "ACME");
  assert.deepEqual(await loadConnectorPackages(undefined), []);
});

test("should say what to do when a package is missing or exports no connector", async () => {
  await assert.rejects(loadConnectorPackages("order-routes-connector-that-does-not-exist"), /Cannot load the connector package "order-routes-connector-that-does-not-exist".*npm i order-routes-connector-that-does-not-exist/s);
  const empty = modulePackage("empty", "export const nothing = 1;");
  await assert.rejects(loadConnectorPackages(empty), /exports no connector/);
});

test("should refuse a malformed connector or a duplicate id, naming it", () => {
  const valid = { id: "ok", version: "1", title: "OK", kind: "other", configSchema: { type: "object" }, actions: {} } as Connector;
  assert.throws(() => checkConnector({ ...valid, id: "Bad Id" }), /id must be lower-case/);
  assert.throws(() => checkConnector({ ...valid, version: "" }), /version is required/);
  assert.throws(() => checkConnector({ ...valid, configSchema: { type: "nonsense" } }), /configSchema is not a valid JSON Schema/);
  assert.throws(() => checkConnector({ ...valid, actions: { send: { title: "x", inputSchema: { type: "object" } } as never } }), /action "send" has no run function/);
  assert.throws(() => createRegistry([valid, { ...valid }]), /Two connectors have the id "ok"/);
});
