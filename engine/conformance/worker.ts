/** Worker-thread entry: judges the files the main thread posts, one at a time, so a hang can be cut off. */
import { parentPort } from "node:worker_threads";
import { evaluate, type FileJob } from "./evaluate.ts";

parentPort?.on("message", async (message: { id: number; job: FileJob }) => {
  const result = await evaluate(message.job);
  parentPort?.postMessage({ id: message.id, result });
});
