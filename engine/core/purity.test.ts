import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Modules the pure parts (engine/core, engine/model) must never import. */
const FORBIDDEN = [
  /^typeorm/, /^express/, /^node-cron/, /^mysql2/, /^better-sqlite3/, /^pino/, /^nodemailer/,
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|tls|worker_threads|cluster)$/,
  /(^|\/)connectors\//,
];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("purity", () => {
  for (const dir of ["core", "model"]) {
    it(`should import no I/O module anywhere in engine/${dir} (tests aside)`, () => {
      // given
      const files = sources(join(root, dir));
      // when
      const offending = files.flatMap((file) =>
        imports(readFileSync(file, "utf8")).filter((m) => FORBIDDEN.some((re) => re.test(m))).map((m) => `${relative(root, file)} imports ${m}`),
      );
      // then
      assert.deepEqual(offending, []);
    });
  }

  it("should detect a forbidden import (self-check)", () => {
    assert.deepEqual(imports('import { DataSource } from "typeorm";\nexport * from "node:fs";\nconst x = await import("mysql2");'), ["typeorm", "node:fs", "mysql2"]);
  });
});

function sources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

function imports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']|require\s*\(\s*["']([^"']+)["']\s*\)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}
