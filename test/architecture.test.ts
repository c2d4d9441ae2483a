import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PURE_DIRS = ["engine/core", "engine/model"];
const FORBIDDEN = [
  "typeorm", "express", "node-cron", "mysql2", "better-sqlite3", "pino", "nodemailer",
  ...["fs", "fs/promises", "net", "http", "https", "http2", "child_process", "dgram", "tls", "worker_threads", "cluster"]
    .flatMap((name) => [name, `node:${name}`]),
];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(entry) && !/\.test\.ts$/.test(entry) && !entry.endsWith(".d.ts") ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports, dynamic imports and requires. */
function importsOf(source: string): string[] {
  const pattern = /(?:\bimport\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?|\bexport\s+(?:type\s+)?[^'"]*?\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

function violation(specifier: string, file: string): string | undefined {
  if (FORBIDDEN.includes(specifier) || FORBIDDEN.some((name) => specifier.startsWith(`${name}/`))) return specifier;
  if (specifier.startsWith(".")) {
    const target = relative(ROOT, join(file, "..", specifier));
    if (target === "connectors" || target.startsWith("connectors/")) return specifier;
  }
  if (specifier.startsWith("connectors/")) return specifier;
  return undefined;
}

describe("architecture: engine/core and engine/model do no I/O", () => {
  it("should find the sources to check", () => {
    // then
    assert.ok(sourceFiles(join(ROOT, "engine/model")).length > 5);
  });

  it("should spot a forbidden import in a sample", () => {
    // given
    const sample = 'import { x } from "./x.ts";\nimport fs from "node:fs";\nexport { y } from "../../connectors/sms/index.ts";\nconst t = await import("typeorm");\nimport "worker_threads";';

    // when
    const found = importsOf(sample).map((specifier) => violation(specifier, join(ROOT, "engine/model/a.ts"))).filter(Boolean);

    // then
    assert.deepEqual(found, ["node:fs", "../../connectors/sms/index.ts", "typeorm", "worker_threads"]);
  });

  for (const dir of PURE_DIRS) {
    it(`should import no I/O module nor connectors/ from ${dir}`, () => {
      // given
      const files = sourceFiles(join(ROOT, dir));

      // when
      const violations = files.flatMap((file) =>
        importsOf(readFileSync(file, "utf8"))
          .map((specifier) => violation(specifier, file))
          .filter((found): found is string => found !== undefined)
          .map((found) => `${relative(ROOT, file)} imports ${found}`),
      );

      // then
      assert.deepEqual(violations, []);
    });
  }
});
