/** Parts (c) and (d): our runtime on a database: start deals, complete their tasks through TasksService. */
import type { DataSource } from "typeorm";
import type { Services } from "../../engine/runtime/contract.ts";
import type { PartResult } from "../stats.ts";

/** What the bench uses from engine/store and engine/runtime. */
export interface RuntimeApi {
  createDataSource(url: string, settings?: { poolSize?: number }): Promise<DataSource>;
  migrate(ds: DataSource): Promise<unknown>;
  createServices(ds: DataSource, options?: { now?: () => Date }): Services;
  seedDemo?: (ds: DataSource) => Promise<unknown>;
  seedReasons?: (ds: DataSource) => Promise<unknown>;
}

/** Runs the runtime part on one database (to be completed when engine/runtime lands). */
export async function benchRuntime(name: string): Promise<PartResult> {
  return { name, na: "engine/runtime not built yet" };
}
