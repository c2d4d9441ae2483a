import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runConformance, type ConformanceSummary } from "./index.ts";

/** The shared corpus beside the repository (../shared/corpus), as CI and `npm run conformance` find it. */
const corpus = fileURLToPath(new URL("../../../shared/corpus", import.meta.url));
const skip = !existsSync(corpus) && `no corpus at ${corpus}`;

let run: Promise<{ summary: ConformanceSummary; lines: string[] }> | undefined;
/** One conformance run over the corpus, shared by the tests below. */
function conformance() {
  run ??= (async () => {
    const lines: string[] = [];
    const summary = await runConformance(corpus, (line) => lines.push(line));
    return { summary, lines };
  })();
  return run;
}

test("should judge every corpus file without a crash, hang or failure", { skip, timeout: 600_000 }, async () => {
  // given / when
  const { summary } = await conformance();
  // then
  const bad = summary.results.filter((r) => r.verdict === "failed").map((r) => `${r.name}: ${r.reason}`);
  assert.deepEqual(bad, [], "no file fails or crashes");
  assert.equal(summary.crashed, 0);
  assert.ok(summary.results.length > 100, "the three corpus folders were all read");
});

test("should have an expectation for every bpmn-engine corpus file", { skip, timeout: 600_000 }, async () => {
  // given / when
  const { summary } = await conformance();
  // then
  const missing = summary.results.filter((r) => /no expectation written/.test(r.reason)).map((r) => r.name);
  assert.deepEqual(missing, []);
});

test("should end its output with the JSON summary line", { skip, timeout: 600_000 }, async () => {
  // given / when
  const { summary, lines } = await conformance();
  // then
  assert.deepEqual(JSON.parse(lines.at(-1)!), {
    conformance: { passed: summary.passed, failed: summary.failed, refused: summary.refused },
  });
});
