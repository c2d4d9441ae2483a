/**
 * Test helper: runs a function that must throw an EngineError and returns its code.
 */
import assert from "node:assert/strict";
import { EngineError } from "../errors.ts";

/** The code of the EngineError `fn` throws (fails the test if it throws anything else). */
export function engineErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof EngineError, String(err));
    return err.code;
  }
  return "no error";
}
