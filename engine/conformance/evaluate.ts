/** Judges one corpus file: compile it, then (for bpmn-engine files we share) run its scenarios in memory. */
import { readFile } from "node:fs/promises";
import type { CompileResult, RouteIssue } from "../model/types.ts";
import { expectationFor } from "./expectations.ts";
import { errorText, runScenario } from "./scenario.ts";
import { compileRoute } from "../model/index.ts";

/** Which corpus folder a file comes from: `bpmn-engine` files have expectations, the others are imported only. */
export type Group = "bpmn-engine" | "miwg" | "camunda";

/** A file to judge. */
export interface FileJob {
  group: Group;
  /** Absolute path. */
  path: string;
  /** Path shown in the output, relative to the corpus folder. */
  name: string;
  /** Path relative to the group folder (the key of expectations.ts). */
  rel: string;
}

/** The verdict on one file. `semantics` is a refusal by deliberate semantics; `crashed` marks a throw or hang. */
export interface FileResult {
  name: string;
  verdict: "passed" | "failed" | "refused";
  reason: string;
  semantics?: boolean;
  crashed?: boolean;
}

/** Judges a file; never throws (a throw from the engine becomes a crashed failure). */
export async function evaluate(job: FileJob): Promise<FileResult> {
  const result = (verdict: FileResult["verdict"], reason: string, extra: Partial<FileResult> = {}): FileResult => ({
    name: job.name,
    verdict,
    reason,
    ...extra,
  });
  let compiled: CompileResult;
  try {
    compiled = await compileRoute(await readFile(job.path, "utf8"), { profile: "engine" });
  } catch (error) {
    return result("failed", `compile crashed: ${errorText(error)}`, { crashed: true });
  }
  const refusal = compiled.ok && compiled.route ? undefined : `refused at publish: ${reasons(compiled.issues)}`;
  if (job.group !== "bpmn-engine") return refusal ? result("refused", refusal) : result("passed", "imported");

  const expectation = expectationFor(job.rel);
  if (!expectation) return result("failed", "no expectation written for this file in engine/conformance/expectations.ts");
  switch (expectation.kind) {
    case "semantics": {
      const why = `semantics differ: ${expectation.why}`;
      if (refusal) return result("refused", `${why} (and ${refusal})`, { semantics: true });
      if (!expectation.strict) return result("refused", why, { semantics: true });
      const strict = runScenario(compiled.route!, expectation.strict);
      if (!strict.ok) return result("failed", `our strict semantics do not hold: ${strict.detail}`);
      return result("refused", `${why}; checked: ${expectation.strict.name}`, { semantics: true });
    }
    case "unsupported":
      return result(
        "refused",
        refusal ?? `not run: the expectation needs ${expectation.needs.join(", ")} (note: publish accepted the file)`,
      );
    case "import":
      return refusal ? result("refused", refusal) : result("passed", `imported (${expectation.summary})`);
    case "run": {
      if (refusal) return result("refused", refusal);
      for (const scenario of expectation.scenarios) {
        const run = runScenario(compiled.route!, scenario);
        if (!run.ok) return result("failed", run.detail ?? scenario.name);
      }
      return result("passed", `${expectation.scenarios.length} scenario(s): ${expectation.summary}`);
    }
  }
}

/** The error issues of a refusal as one line: `element: sentence; …` (at most 3, then a count). */
export function reasons(issues: RouteIssue[]): string {
  const errors = issues.filter((i) => i.severity === "error");
  const shown = (errors.length ? errors : issues).slice(0, 3).map((i) => `${i.element ?? i.rule}: ${i.message}`);
  const more = errors.length > 3 ? ` (+${errors.length - 3} more)` : "";
  return shown.length ? shown.join("; ") + more : "no route and no reason given";
}
