/** Starts a TypeScript module of the bench in a worker thread (a worker does not inherit tsx's loader). */
import { Worker } from "node:worker_threads";

/** A worker running `module` (a URL next to the caller) with `workerData`. */
export function tsWorker(module: URL, workerData?: unknown): Worker {
  const source = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(source, { eval: true, workerData });
}

/** The next message a worker posts. */
export function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once("message", (message: T) => resolve(message));
    worker.once("error", reject);
  });
}
