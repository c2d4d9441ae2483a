/**
 * The timer tick: every second (never overlapping itself) it asks the runtime to fire due timers. It holds
 * no business logic; claiming and firing live in engine/runtime.
 */
import cron from "node-cron";

/** What the scheduler drives. */
export interface TimerFiring {
  fireDue(now?: Date): Promise<number>;
}

/** A running scheduler. */
export interface Scheduler {
  stop(): Promise<void>;
}

/** A pino-like logger (only `info` and `error` are used). */
export interface SchedulerLogger {
  info: (...args: any[]) => void;
  error: (...args: any[]) => void;
}

/** Options of the tick. */
export interface SchedulerOptions {
  /** Cron expression of the tick (default: every second). */
  expression?: string;
  logger?: SchedulerLogger;
  onError?: (error: unknown) => void;
  onFired?: (count: number) => void;
}

/** Starts the tick over the runtime's timers (or the services holding them); a failed tick is reported and the next one runs. */
export function startScheduler(source: TimerFiring | { timers: TimerFiring }, options: SchedulerOptions = {}): Scheduler {
  const timers = "timers" in source ? source.timers : source;
  const task = cron.schedule(
    options.expression ?? "* * * * * *",
    async () => {
      try {
        const fired = await timers.fireDue();
        if (fired > 0) {
          options.logger?.info({ fired }, "timers fired");
          options.onFired?.(fired);
        }
      } catch (error) {
        options.logger?.error({ err: error }, "timer tick failed");
        options.onError?.(error);
      }
    },
    { noOverlap: true, name: "order-routes-timers" },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy?.();
    },
  };
}
