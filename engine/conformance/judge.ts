/**
 * Judges files in a worker thread with a time limit per file: a file that hangs (even in a synchronous
 * loop) is cut off by terminating the worker, reported as a crashed failure, and a fresh worker goes on.
 */
import { Worker } from "node:worker_threads";
import type { FileJob, FileResult } from "./evaluate.ts";

/** A worker-backed judge of corpus files. */
export class Judge {
  private worker?: Worker;
  private seq = 0;
  private pending?: { id: number; resolve: (result: FileResult) => void; reject: (error: Error) => void };

  /**
   * @param timeoutMs time limit per file
   * @param workerUrl module the worker runs (tests pass a stand-in)
   */
  constructor(
    private readonly timeoutMs: number,
    private readonly workerUrl = new URL("./worker.ts", import.meta.url).href,
  ) {}

  /** The verdict on one file, within the time limit. */
  async judge(job: FileJob): Promise<FileResult> {
    const worker = this.ensureWorker();
    const id = ++this.seq;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<FileResult>((resolve, reject) => {
        this.pending = { id, resolve, reject };
        timer = setTimeout(() => reject(new HangError()), this.timeoutMs);
        worker.postMessage({ id, job });
      });
    } catch (error) {
      await this.discardWorker();
      const reason = error instanceof HangError ? `hung: no verdict within ${this.timeoutMs / 1000} s` : `crashed: ${(error as Error).message}`;
      return { name: job.name, verdict: "failed", reason, crashed: true };
    } finally {
      clearTimeout(timer);
      this.pending = undefined;
    }
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    await this.discardWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerUrl = this.workerUrl;
    const tsxApi = import.meta.resolve("tsx/esm/api");
    // The worker registers tsx itself: loader hooks of the main thread do not reach worker threads.
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;
    const worker = new Worker(bootstrap, { eval: true });
    worker.on("message", (message: { id: number; result: FileResult }) => {
      if (this.pending?.id === message.id) this.pending.resolve(message.result);
    });
    worker.on("error", (error) => this.pending?.reject(error));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.pending?.reject(new Error(`worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private async discardWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

class HangError extends Error {}
