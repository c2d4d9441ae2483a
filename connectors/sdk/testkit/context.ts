/**
 * Test kit: contexts for calling a connector's action, inbound handler or session directly, as the engine would.
 */
import type { ActionContext, ConnectorLogger, EngineCommand, InboundContext, RenderedMessage, SessionContext } from "../types.ts";

/** A logger that keeps what it was given (`lines`), for assertions. */
export function memoryLogger(): ConnectorLogger & { lines: unknown[] } {
  const lines: unknown[] = [];
  const keep = (obj: object | string, msg?: string) => void lines.push(msg ? { ...(typeof obj === "object" ? obj : { obj }), msg } : obj);
  return { lines, info: keep, warn: keep, error: keep };
}

/** An action context with the given configuration; `rendered` is what `render` returns (per channel or for any). */
export function actionContext<Config>(
  config: Config,
  options: Partial<Omit<ActionContext<Config>, "config" | "render">> & { rendered?: RenderedMessage; baseUrl?: string } = {},
): ActionContext<Config> {
  const instance = options.instance ?? "test";
  return {
    config,
    instance,
    idempotencyKey: options.idempotencyKey ?? "test-message-1",
    attempt: options.attempt ?? 1,
    message: options.message ?? { id: 1, dealId: null, template: options.rendered ? "test" : null },
    session: options.session,
    render: async (channel) => (options.rendered && options.rendered.channel === channel ? options.rendered : undefined),
    callbackUrl: (handler) => `${options.baseUrl ?? "http://localhost:3000"}/hooks/${instance}/${handler}`,
    signal: options.signal ?? AbortSignal.timeout(10_000),
    log: options.log ?? memoryLogger(),
  };
}

/** An inbound context with the given configuration. */
export function inboundContext<Config>(config: Config, instance = "test"): InboundContext<Config> {
  return { config, instance, log: memoryLogger() };
}

/** A session context whose `emit` collects the commands (`emitted`) and lets a test wait for them. */
export function sessionContext<Config>(config: Config, instance = "test"): SessionContext<Config> & { emitted: EngineCommand[]; waitFor(count: number, ms?: number): Promise<EngineCommand[]> } {
  const emitted: EngineCommand[] = [];
  const waiters: (() => void)[] = [];
  return {
    config,
    instance,
    log: memoryLogger(),
    emitted,
    async emit(commands) {
      emitted.push(...commands);
      for (const wake of waiters.splice(0)) wake();
    },
    async waitFor(count, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (emitted.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} emitted commands within ${ms} ms, got ${emitted.length}: ${JSON.stringify(emitted)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return emitted;
    },
  };
}
