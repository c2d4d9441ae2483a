import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compileRoute } from "./compile.ts";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus", import.meta.url));
const FOLDERS = ["miwg", "camunda", "bpmn-engine"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("compileRoute over the outside corpus", { skip: !existsSync(CORPUS) && "no ../shared/corpus here" }, () => {
  const files = existsSync(CORPUS) ? FOLDERS.flatMap((folder) => filesUnder(join(CORPUS, folder))) : [];

  it("should find the corpus files", () => {
    // then
    assert.ok(files.length > 100, `only ${files.length} files`);
  });

  for (const file of files) {
    it(`should compile or refuse ${file.slice(CORPUS.length + 1)} without throwing`, { timeout: 20_000 }, async () => {
      // given
      const xml = readFileSync(file, "utf8");

      // when
      const result = await compileRoute(xml);

      // then
      assert.equal(typeof result.ok, "boolean");
      assert.ok(result.ok || result.issues.some((issue) => issue.severity === "error"), "a refusal names its reason");
      assert.ok(result.issues.every((issue) => issue.rule !== "internal" && !issue.message.includes("lint rule")), JSON.stringify(result.issues.filter((issue) => issue.rule === "internal" || issue.message.includes("lint rule"))));
    });
  }
});
