/** Loads the engine parts conformance needs, tolerating a part that is not there (or not loadable) yet. */
import type { Engine } from "./evaluate.ts";

/** The model's compiler and the core's transition; a part that cannot be loaded is left out with the reason. */
export async function loadEngine(): Promise<Engine> {
  const engine: Engine = { missing: {} };
  const model = await optional("../model/index.ts");
  const compileRoute = model.module?.compileRoute as typeof import("../model/index.ts").compileRoute | undefined;
  // The `engine` profile checks what execution needs, not the order-route policy (lanes = roles, won/lost ends).
  if (typeof compileRoute === "function") engine.compile = (xml) => compileRoute(xml, { profile: "engine" });
  else engine.missing.model = model.error ?? "engine/model/index.ts exports no compileRoute";
  const core = await optional("../core/index.ts");
  const transition = core.module?.transition as typeof import("../core/index.ts").transition | undefined;
  if (typeof transition === "function") engine.transition = transition;
  else engine.missing.core = core.error ?? "engine/core/index.ts exports no transition";
  return engine;
}

async function optional(specifier: string): Promise<{ module?: Record<string, unknown>; error?: string }> {
  try {
    return { module: (await import(new URL(specifier, import.meta.url).href)) as Record<string, unknown> };
  } catch (error) {
    const text = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { error: (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" ? `not built yet (${specifier})` : text };
  }
}
