/**
 * The `order-routes` command as a user runs it (bin shim → tsx → engine/cli.ts), on a throw-away SQLite file.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createServices, seedDemo } from "../../engine/runtime/index.ts";
import { createDataSource, migrate } from "../../engine/store/index.ts";

const BIN = fileURLToPath(new URL("../../bin/order-routes.js", import.meta.url));
const REFERENCE = fileURLToPath(new URL("../../definitions/routes/order-fulfilment.bpmn", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "order-routes-cli-"));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(folder, "cli.sqlite")}`, LOG_LEVEL: "silent" };

describe("order-routes command", () => {
  after(() => rmSync(folder, { recursive: true, force: true }));

  it("should print usage for help", async () => {
    const { code, stdout } = await cli("help");
    assert.equal(code, 0);
    assert.match(stdout, /validate <file\.bpmn>/);
  });

  it("should exit 2 on an unknown command", async () => {
    const { code, stderr } = await cli("frobnicate");
    assert.equal(code, 2);
    assert.match(stderr, /Unknown command "frobnicate"/);
  });

  it("should pass the reference route", async () => {
    const { code, stdout } = await cli("validate", REFERENCE);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /can be published/);
  });

  it("should print each issue as element (name): message and exit 1 on errors", async () => {
    // given
    const file = join(folder, "broken.bpmn");
    writeFileSync(
      file,
      `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p"><bpmn:task id="Task_x" name="Do it"/></bpmn:process>
</bpmn:definitions>`,
    );
    // when
    const { code, stdout } = await cli("validate", file);
    // then
    assert.equal(code, 1);
    assert.match(stdout, /^Task_x \(Do it\): .+/m);
    assert.match(stdout, /error\(s\)/);
  });

  it("should migrate, then publish versions into the database", async () => {
    const migrated = await cli("migrate");
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /migrations: applied/);
    const first = await cli("publish", REFERENCE);
    const second = await cli("publish", REFERENCE);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /published order-fulfilment version 1/);
    assert.match(second.stdout, /published order-fulfilment version 2/);
  });

  it("should issue an API token that signs the user in, and refuse an unknown login", async () => {
    // given
    const dataSource = await createDataSource(env.DATABASE_URL);
    await migrate(dataSource);
    await seedDemo(dataSource);
    // when
    const issued = await cli("token", "integrator");
    const unknown = await cli("token", "nobody");
    // then
    assert.equal(issued.code, 0, issued.stderr);
    const caller = await createServices(dataSource).auth.authenticate(issued.stdout.trim());
    await dataSource.destroy();
    assert.equal(caller?.login, "integrator");
    assert.deepEqual(caller?.roles, ["integrator"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No user nobody/);
  });

  it("should refuse to publish a missing file", async () => {
    const { code, stderr } = await cli("publish", join(folder, "nope.bpmn"));
    assert.equal(code, 2);
    assert.match(stderr, /Cannot read/);
  });
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
