/** Small timing helpers shared by the benchmark parts. */

/** Result of one benchmark part. */
export interface PartResult {
  name: string;
  tasksPerSec?: number;
  txnPerSec?: number;
  p50Ms?: number;
  p99Ms?: number;
  count?: number;
  seconds?: number;
  note?: string;
}

/** Percentile (0–100) of a list of numbers, nearest-rank; undefined for an empty list. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Milliseconds elapsed since a `process.hrtime.bigint()` reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Writes a progress line on stderr (stdout carries the table and the JSON line). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Rounds to a given number of decimals, keeping undefined. */
export function round(value: number | undefined, decimals = 1): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Median of a list of numbers (mean of the middle two for an even count); NaN for an empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
