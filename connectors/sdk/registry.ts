/**
 * The connector registry: the built-in connectors plus any npm package named in the configuration
 * (ORDER_ROUTES_CONNECTORS, comma-separated). A package exports a connector as its default export or an
 * array of them as `connectors`.
 */
import { Ajv } from "ajv";
import type { Connector } from "./types.ts";

/** The connectors the engine knows, by id. */
export interface ConnectorRegistry {
  get(id: string): Connector<any> | undefined;
  list(): Connector<any>[];
}

const ajv = new Ajv({ strict: false });
ajv.addKeyword({ keyword: "x-secret", schemaType: "boolean" });

/** Builds a registry, refusing a malformed connector or a duplicate id with a sentence naming it. */
export function createRegistry(connectors: Connector<any>[]): ConnectorRegistry {
  const byId = new Map<string, Connector<any>>();
  for (const connector of connectors) {
    checkConnector(connector);
    if (byId.has(connector.id)) throw new Error(`Two connectors have the id "${connector.id}"; ids must be unique.`);
    byId.set(connector.id, connector);
  }
  return { get: (id) => byId.get(id), list: () => [...byId.values()] };
}

/** Imports the connector packages named in a comma-separated list (ORDER_ROUTES_CONNECTORS). */
export async function loadConnectorPackages(list: string | undefined): Promise<Connector<any>[]> {
  const names = (list ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  const loaded: Connector<any>[] = [];
  for (const name of names) {
    let module: Record<string, unknown>;
    try {
      module = await import(name);
    } catch (error) {
      throw new Error(`Cannot load the connector package "${name}" named in ORDER_ROUTES_CONNECTORS: ${(error as Error).message}. Install it with npm i ${name}.`);
    }
    const found = Array.isArray(module.connectors) ? module.connectors : module.default ? [module.default] : [];
    if (found.length === 0) throw new Error(`The package "${name}" exports no connector (expected a default export or \`connectors\`).`);
    loaded.push(...(found as Connector<any>[]));
  }
  return loaded;
}

/** Throws a sentence naming what is wrong with a connector definition (id, version, schemas, actions). */
export function checkConnector(connector: Connector<any>): void {
  const name = `Connector "${connector?.id ?? "?"}"`;
  if (!connector || typeof connector.id !== "string" || !/^[a-z][a-z0-9-]*$/.test(connector.id)) throw new Error(`${name}: id must be lower-case letters, digits and dashes.`);
  if (typeof connector.version !== "string" || connector.version === "") throw new Error(`${name}: version is required.`);
  compile(name, "configSchema", connector.configSchema);
  for (const [actionName, action] of Object.entries(connector.actions ?? {})) {
    if (typeof action.run !== "function") throw new Error(`${name}: action "${actionName}" has no run function.`);
    compile(name, `actions.${actionName}.inputSchema`, action.inputSchema);
  }
  for (const [handlerName, handler] of Object.entries(connector.inbound ?? {})) {
    if (typeof handler.verify !== "function" || typeof handler.parse !== "function") throw new Error(`${name}: inbound handler "${handlerName}" needs verify and parse.`);
  }
}

function compile(name: string, where: string, schema: unknown): void {
  if (typeof schema !== "object" || schema === null) throw new Error(`${name}: ${where} must be a JSON Schema object.`);
  try {
    ajv.compile(schema);
  } catch (error) {
    throw new Error(`${name}: ${where} is not a valid JSON Schema: ${(error as Error).message}`);
  }
}
