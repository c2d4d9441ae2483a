/** Part (a): bpmn-engine in memory, signalling each user task as it waits. */
import { EventEmitter } from "node:events";
import { BpmnModdle } from "bpmn-moddle";
import { Engine } from "bpmn-engine";
import { msSince, percentile, progress, type PartResult } from "../stats.ts";

/** Runs the five-task process through bpmn-engine for about `seconds`, the definition parsed once. */
export async function benchBpmnEngine(xml: string, seconds: number): Promise<PartResult> {
  const moddleContext = await new BpmnModdle().fromXML(xml);
  let tasks = 0;
  let instances = 0;
  const latencies: number[] = [];
  await runInstance(moddleContext, () => {}); // warm-up
  const start = process.hrtime.bigint();
  while (msSince(start) < seconds * 1000) {
    tasks += await runInstance(moddleContext, (ms) => latencies.push(ms));
    instances++;
    if (instances % 200 === 0) progress(`bpmn-engine: ${instances} instances`);
  }
  const elapsed = msSince(start) / 1000;
  return {
    name: "bpmn-engine (memory)",
    tasksPerSec: tasks / elapsed,
    p99Ms: percentile(latencies, 99),
    count: tasks,
    seconds: elapsed,
    note: `${instances} instances, definition parsed once`,
  };
}

/** Runs one instance to its end; returns the number of user tasks signalled. */
function runInstance(moddleContext: unknown, onTask: (ms: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let signalled = 0;
    const listener = new EventEmitter();
    listener.on("wait", (api: { signal: (payload?: unknown) => void }) => {
      const at = process.hrtime.bigint();
      signalled++;
      api.signal({ done: true });
      onTask(msSince(at));
    });
    const engine = new Engine({ name: "bench", moddleContext: moddleContext as never });
    engine.once("end", () => resolve(signalled));
    engine.once("error", reject);
    engine.execute({ listener }).catch(reject);
  });
}
