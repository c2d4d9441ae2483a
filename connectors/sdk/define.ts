import type { Connector } from "./types.ts";

/** Declares a connector with its configuration type inferred for every action and handler (an identity function). */
export function defineConnector<Config>(connector: Connector<Config>): Connector<Config> {
  return connector;
}
