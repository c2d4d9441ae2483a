import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffMs, DEFAULT_RETRY_POLICY, exhausted } from "./retry-policy.ts";

const policy = { maxAttempts: 4, baseMs: 1_000, maxMs: 5_000 };

test("should double the delay with each failure, jittered within the upper half, and cap it", () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffMs(policy, n, 0)), [500, 1_000, 2_000, 2_500, 2_500]);
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffMs(policy, n, 0.999999)), [1_000, 2_000, 4_000, 5_000, 5_000]);
});

test("should give up after the last allowed try", () => {
  assert.deepEqual([3, 4, 5].map((n) => exhausted(policy, n)), [false, true, true]);
  assert.equal(exhausted(DEFAULT_RETRY_POLICY, 7), false);
});
