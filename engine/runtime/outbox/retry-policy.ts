/**
 * When a failed message is tried again: exponential backoff with "equal jitter" (half fixed, half random),
 * capped, and dead after `maxAttempts`.
 */

/** The retry policy of the dispatcher. */
export interface RetryPolicy {
  /** Tries in all before the message is dead (default 8). */
  maxAttempts: number;
  /** Delay after the first failure (default 5 s); doubles with each further one. */
  baseMs: number;
  /** Longest delay (default 1 h). */
  maxMs: number;
}

/** The defaults: 8 tries over about two hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 5_000, maxMs: 3_600_000 };

/** The delay before the next try after `attempts` failed ones (≥ 1); `random` in [0, 1). */
export function backoffMs(policy: RetryPolicy, attempts: number, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** True when no try is left after `attempts` failed ones. */
export function exhausted(policy: RetryPolicy, attempts: number): boolean {
  return attempts >= policy.maxAttempts;
}
