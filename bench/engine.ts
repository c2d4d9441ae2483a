/** Loads the engine parts the bench needs, tolerating a part that is not built (or not loadable) yet. */
import type { CompileResult } from "../engine/model/types.ts";
import type { Transition } from "./parts/core.bench.ts";
import type { RuntimeApi } from "./parts/runtime.bench.ts";

/** What could be loaded; `missing` says why a part could not. */
export interface BenchEngine {
  compile?: (xml: string) => Promise<CompileResult>;
  transition?: Transition;
  runtime?: RuntimeApi;
  missing: { model?: string; core?: string; runtime?: string };
}

/** Loads engine/model, engine/core, engine/store and engine/runtime as far as they exist. */
export async function loadEngine(): Promise<BenchEngine> {
  const engine: BenchEngine = { missing: {} };
  const model = await optional("../engine/model/index.ts");
  if (typeof model.module?.compileRoute === "function") engine.compile = model.module.compileRoute as BenchEngine["compile"];
  else engine.missing.model = model.error ?? "engine/model/index.ts exports no compileRoute";
  const core = await optional("../engine/core/index.ts");
  if (typeof core.module?.transition === "function") engine.transition = core.module.transition as Transition;
  else engine.missing.core = core.error ?? "engine/core/index.ts exports no transition";
  const store = await optional("../engine/store/index.ts");
  const runtime = await optional("../engine/runtime/index.ts");
  const api = { ...store.module, ...runtime.module } as Partial<RuntimeApi>;
  if (api.createDataSource && api.migrate && api.createServices) engine.runtime = api as RuntimeApi;
  else engine.missing.runtime = runtime.error ?? store.error ?? "engine/runtime exports no createServices";
  return engine;
}

async function optional(specifier: string): Promise<{ module?: Record<string, unknown>; error?: string }> {
  try {
    return { module: (await import(new URL(specifier, import.meta.url).href)) as Record<string, unknown> };
  } catch (error) {
    const text = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    return { error: (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" ? `not built yet (${specifier.replace("../", "")})` : text };
  }
}
