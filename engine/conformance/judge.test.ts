import { test } from "node:test";
import assert from "node:assert/strict";
import { Judge } from "./judge.ts";
import type { FileJob } from "./evaluate.ts";

const job = (name: string): FileJob => ({ group: "miwg", path: `/nowhere/${name}`, name, rel: name });

test("should cut off a file that hangs and go on with a fresh worker", async () => {
  // given
  // generous: a fresh worker starting under a loaded machine must not be taken for a hang
  const judge = new Judge(6000, new URL("./fixtures/hanging.worker.ts", import.meta.url).href);
  try {
    // when
    const before = await judge.judge(job("ok-1.bpmn"));
    const hung = await judge.judge(job("hang.bpmn"));
    const after = await judge.judge(job("ok-2.bpmn"));
    // then
    assert.equal(before.verdict, "passed");
    assert.equal(hung.verdict, "failed");
    assert.equal(hung.crashed, true);
    assert.match(hung.reason, /hung/);
    assert.deepEqual([after.name, after.verdict], ["ok-2.bpmn", "passed"]);
  } finally {
    await judge.close();
  }
});
