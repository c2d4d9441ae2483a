/**
 * The ticks: every second (never overlapping itself) one asks the runtime to fire due timers, the other
 * to dispatch due outbox messages (and at once when a command kicks it); each keeps asking while work keeps
 * falling due (node-cron is the heartbeat, not the floor of the lag). No business logic lives here;
 * claiming, firing and sending live in engine/runtime.
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
  return startDrainLoop("timers", () => timers.fireDue(), options);
}

/** What the outbox loop drives. */
export interface OutboxDispatching {
  dispatchDue(): Promise<number>;
  /** Resolves when a command asks for a prompt dispatch (a click-to-call, a manual retry). */
  kicked(): Promise<void>;
}

/** Starts the outbox dispatcher's tick: every second, and at once when kicked. */
export function startOutboxDispatcher(outbox: OutboxDispatching, options: SchedulerOptions = {}): Scheduler {
  return startDrainLoop("outbox", () => outbox.dispatchDue(), options, () => outbox.kicked());
}

/** A heartbeat that drains `work` (calls it until it returns 0), never overlapping itself; `kicked` starts a drain early. */
function startDrainLoop(name: string, work: () => Promise<number>, options: SchedulerOptions, kicked?: () => Promise<void>): Scheduler {
  let stopped = false;
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    let total = 0;
    try {
      for (;;) {
        const done = await work();
        total += done;
        if (done === 0 || stopped) break;
        await new Promise((resolve) => setImmediate(resolve)); // let I/O and stop() in between calls
      }
    } catch (error) {
      options.logger?.error({ err: error }, `${name} tick failed`);
      options.onError?.(error);
    }
    if (total > 0) {
      options.logger?.info({ [name]: total }, `${name} processed`);
      options.onFired?.(total);
    }
  };
  // the heartbeat only starts a drain when none is running (a long drain spans several beats without overlap warnings)
  let again = false;
  const beat = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        beat();
      }
    });
  };
  const listen = (): void => {
    if (!kicked || stopped) return;
    void kicked().then(() => {
      beat();
      listen();
    });
  };
  listen();
  const task = cron.schedule(options.expression ?? "* * * * * *", beat, { name: `order-routes-${name}` });
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy?.();
      await running;
    },
  };
}
