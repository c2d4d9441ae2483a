/** Lists the SQL one task completion runs, with the time from each statement to the next (where the time goes). */
import type { DataSource } from "typeorm";
import type { Caller, Services } from "../../engine/runtime/contract.ts";
import type { OpenDeal } from "./runtime.bench.ts";

const operator: Caller = { userId: "bench-operator", login: "bench-operator", roles: ["operator"] };

/** Profiles `runs` single completions on an idle database; returns printable lines. */
export async function profileCompletion(ds: DataSource, services: Services, startDeal: () => Promise<OpenDeal>, label: string, runs = 20): Promise<string[]> {
  const logger = ds.logger as { logQuery: (query: string, parameters?: unknown[]) => void };
  const original = logger.logQuery.bind(logger);
  let statements: { sql: string; at: bigint }[] = [];
  logger.logQuery = (query: string, parameters?: unknown[]) => {
    statements.push({ sql: query, at: process.hrtime.bigint() });
    original(query, parameters);
  };
  const totals: number[] = [];
  let last: { sql: string; ms: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { task } = await startDeal();
      statements = [];
      const begin = process.hrtime.bigint();
      await services.tasks.complete(task.id, { outcome: "success" }, operator);
      const end = process.hrtime.bigint();
      totals.push(Number(end - begin) / 1e6);
      last = statements.map((s, j) => ({ sql: s.sql, ms: Number((statements[j + 1]?.at ?? end) - s.at) / 1e6 }));
    }
  } finally {
    logger.logQuery = original;
  }
  const median = [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)] ?? 0;
  const lines = [`profile ${label}: one completion = ${last.length} statements, median ${median.toFixed(2)} ms over ${runs} sequential completions (last one below; ms = until the next statement)`];
  for (const s of last) lines.push(`  ${s.ms.toFixed(2).padStart(7)} ms  ${s.sql.replace(/\s+/g, " ").slice(0, 150)}`);
  return lines;
}
