/**
 * Many deals waiting at a timer, fast: one deal is started through the runtime, then its deal row, its open
 * stage history row and its pending timer row are copied `count` times with `INSERT … SELECT` over MariaDB's
 * sequence tables (MySQL/MariaDB only). Used by the two-process timer test and by the timer-lag bench.
 */
import type { DataSource } from "typeorm";
import { route } from "../../engine/core/testing/route-builder.ts";
import type { Route } from "../../engine/core/route.ts";

/** start → wait (intermediate timer, PT1H) → end won: firing its timer ends the deal and writes one audit row. */
export function waitRoute(key = "wait-once"): Route {
  return route(key)
    .stage("waiting").stage("done", "won")
    .start("start")
    .catch("wait", { kind: "timer", timer: { kind: "duration", expression: "PT1H" } })
    .end("won", { outcome: "won", stage: "done" })
    .flow("start", "wait")
    .flow("wait", "won")
    .build();
}

/** How the copies' timers fall due. */
export interface CloneOptions {
  /** Due time of the first copy's timer. */
  firstDueAt: Date;
  /** The copies' due times spread evenly over this many ms after the first (0: all at once). */
  windowMs?: number;
  /** Copies per statement (default 10,000). */
  chunk?: number;
  /** Called after each chunk with the number of copies so far. */
  onProgress?: (done: number) => void;
}

/**
 * Copies the waiting deal `templateId` (with its open stage history row and its pending timer) `count`
 * times; copy n gets the deal id `<tag>-<n>` and a timer due at `firstDueAt + n·windowMs/count`.
 */
export async function cloneWaitingDeal(ds: DataSource, templateId: string, count: number, tag: string, options: CloneOptions): Promise<void> {
  const chunk = options.chunk ?? 10_000;
  const window = options.windowMs ?? 0;
  const first = options.firstDueAt.toISOString().replace("T", " ").replace("Z", "");
  const [deals, history, timers] = await Promise.all(["deals", "stage_history", "timers"].map((table) => columnsOf(ds, table)));
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    const seq = `seq_${from}_to_${to}`;
    const id = `CONCAT(${quote(tag)}, '-', s.seq)`;
    await ds.transaction(async (manager) => {
      await manager.query(copy("deals", deals, seq, { id, external_id: `CONCAT(t.external_id, '-', ${quote(tag)}, '-', s.seq)` }, "t.id = ?"), [templateId]);
      await manager.query(copy("stage_history", history, seq, { deal_id: id }, "t.deal_id = ? AND t.left_at IS NULL"), [templateId]);
      const due = `DATE_ADD(TIMESTAMP(${quote(first)}), INTERVAL FLOOR((s.seq - 1) * ${window * 1000} / ${count}) MICROSECOND)`;
      await manager.query(copy("timers", timers, seq, { deal_id: id, due_at: due }, "t.deal_id = ? AND t.status = 'pending'"), [templateId]);
    });
    options.onProgress?.(to);
  }
}

/** `INSERT INTO table (cols) SELECT <t.col or override> FROM table t JOIN seq s WHERE …` (auto-increment ids left out). */
function copy(table: string, columns: string[], seq: string, overrides: Record<string, string>, where: string): string {
  const values = columns.map((c) => overrides[c] ?? `t.\`${c}\``);
  return `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(", ")}) SELECT ${values.join(", ")} FROM \`${table}\` t JOIN ${seq} s WHERE ${where}`;
}

async function columnsOf(ds: DataSource, table: string): Promise<string[]> {
  const rows: { name: string }[] = await ds.query(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND extra NOT LIKE '%auto_increment%' ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => row.name);
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
