/**
 * Conformance against an outside corpus: each bpmn-engine sample is run against the expectation we share
 * (expectations.ts), every MIWG and Camunda file is imported. One line per file, then the JSON summary.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Judge } from "./judge.ts";
import type { FileJob, FileResult, Group } from "./evaluate.ts";

/** Counts of a conformance run; `refused` includes refusals by deliberate semantics. */
export interface ConformanceSummary {
  passed: number;
  failed: number;
  refused: number;
  /** Files that threw or hung (counted in `failed`). */
  crashed: number;
  results: FileResult[];
}

/** Options: per-file time limit (a file over it is cut off and counted as a crashed failure). */
export interface ConformanceOptions {
  timeoutMs?: number;
}

/** Runs the corpus in `dir` (bpmn-engine/, miwg/, camunda/), printing through `out`; the last line is the JSON summary. */
export async function runConformance(
  dir: string,
  out: (line: string) => void,
  options: ConformanceOptions = {},
): Promise<ConformanceSummary> {
  const jobs = listJobs(dir);
  const summary: ConformanceSummary = { passed: 0, failed: 0, refused: 0, crashed: 0, results: [] };
  if (jobs.length === 0) out(`no BPMN files under ${dir} (expected bpmn-engine/, miwg/, camunda/)`);
  const judge = new Judge(options.timeoutMs ?? 20_000);
  try {
    let group: Group | undefined;
    for (const job of jobs) {
      if (job.group !== group) {
        group = job.group;
        out(`# ${group}`);
      }
      const result = await judge.judge(job);
      summary.results.push(result);
      summary[result.verdict]++;
      if (result.crashed) summary.crashed++;
      out(formatLine(result));
    }
  } finally {
    await judge.close();
  }
  const semantics = summary.results.filter((r) => r.semantics).length;
  out(
    `${summary.passed} passed, ${summary.failed} failed (${summary.crashed} crashed or hung), ${summary.refused} refused (${semantics} by deliberate semantics)`,
  );
  out(JSON.stringify({ conformance: { passed: summary.passed, failed: summary.failed, refused: summary.refused } }));
  return summary;
}

/** One output line: `passed  name  reason`. */
function formatLine(result: FileResult): string {
  const verdict = result.semantics ? "refused (semantics)" : result.crashed ? "failed (crash)" : result.verdict;
  return `${verdict.padEnd(20)} ${result.name}  ${result.reason}`;
}

/** Every .bpmn of the three corpus folders, in a stable order. */
function listJobs(dir: string): FileJob[] {
  const groups: Group[] = ["bpmn-engine", "miwg", "camunda"];
  return groups.flatMap((group) => {
    const root = join(dir, group);
    if (!existsSync(root)) return [];
    return walk(root)
      .filter((p) => p.endsWith(".bpmn"))
      .sort()
      .map((path) => ({ group, path, rel: relative(root, path), name: relative(dir, path) }));
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
