/**
 * The timer tick: every second (never overlapping itself) it asks the runtime to fire due timers, and keeps
 * asking while timers keep falling due (node-cron is the heartbeat, not the floor of the lag). It holds
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

/**
 * Starts the tick over the runtime's timers (or the services holding them). A tick drains: while a call fired
 * something, more may have fallen due meanwhile, so it calls again at once instead of waiting for the next
 * second. A failed call is reported and the next tick runs; `stop()` resolves once a running tick has ended.
 */
export function startScheduler(source: TimerFiring | { timers: TimerFiring }, options: SchedulerOptions = {}): Scheduler {
  const timers = "timers" in source ? source.timers : source;
  let stopped = false;
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    let total = 0;
    try {
      for (;;) {
        const fired = await timers.fireDue();
        total += fired;
        if (fired === 0 || stopped) break;
        await new Promise((resolve) => setImmediate(resolve)); // let I/O and stop() in between calls
      }
    } catch (error) {
      options.logger?.error({ err: error }, "timer tick failed");
      options.onError?.(error);
    }
    if (total > 0) {
      options.logger?.info({ fired: total }, "timers fired");
      options.onFired?.(total);
    }
  };
  // the heartbeat only starts a drain when none is running (a long drain spans several beats without overlap warnings)
  const beat = (): void => {
    if (!stopped) running ??= drain().finally(() => (running = undefined));
  };
  const task = cron.schedule(options.expression ?? "* * * * * *", beat, { name: "order-routes-timers" });
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy?.();
      await running;
    },
  };
}
