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

/** Starts the tick; `onError` receives failures of a tick (the next tick runs regardless). */
export function startScheduler(
  timers: TimerFiring,
  options: { expression?: string; onError?: (error: unknown) => void; onFired?: (count: number) => void } = {},
): Scheduler {
  const task = cron.schedule(
    options.expression ?? "* * * * * *",
    async () => {
      try {
        const fired = await timers.fireDue();
        if (fired > 0) options.onFired?.(fired);
      } catch (error) {
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
