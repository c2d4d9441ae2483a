/**
 * Connector configuration: validated against the connector's JSON Schema with ajv; secret fields
 * (`"x-secret": true`) found by walking the schema, encrypted at rest and masked when shown.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { JsonSchema } from "./types.ts";

/** Shown instead of a secret's value; sending it back on an update keeps the stored secret. */
export const SECRET_MASK = "••••••";

/** One configuration field at fault, as a JSON pointer and a sentence. */
export interface ConfigError {
  pointer: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
ajv.addKeyword({ keyword: "x-secret", schemaType: "boolean" });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Validates a configuration (filling schema defaults in place); the errors name each field at fault. */
export function validateConfig(schema: JsonSchema, config: unknown): { ok: true } | { ok: false; errors: ConfigError[] } {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (validate(config)) return { ok: true };
  return { ok: false, errors: (validate.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): ConfigError {
  const missing = error.keyword === "required" ? `/${(error.params as { missingProperty: string }).missingProperty}` : "";
  return { pointer: `${error.instancePath}${missing}` || "/", message: `${error.instancePath || "config"} ${error.message ?? "is invalid"}` };
}

/** JSON pointers of the secret fields a schema declares (top-level and nested objects). */
export function secretPointers(schema: JsonSchema, base = ""): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).flatMap(([name, property]) => {
    const pointer = `${base}/${name}`;
    if (property["x-secret"] === true) return [pointer];
    return property.type === "object" ? secretPointers(property, pointer) : [];
  });
}

/** A copy of the configuration with every secret replaced by `SECRET_MASK` (absent secrets stay absent). */
export function maskSecrets(schema: JsonSchema, config: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(config);
  for (const pointer of secretPointers(schema)) {
    const { parent, key } = locate(copy, pointer);
    if (parent && parent[key] !== undefined && parent[key] !== "") parent[key] = SECRET_MASK;
  }
  return copy;
}

/** The update with each masked secret replaced by the stored value (an admin edits other fields without retyping secrets). */
export function keepMaskedSecrets(schema: JsonSchema, update: Record<string, unknown>, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const copy = structuredClone(update);
  for (const pointer of secretPointers(schema)) {
    const target = locate(copy, pointer);
    if (target.parent?.[target.key] !== SECRET_MASK) continue;
    const source = stored ? locate(stored, pointer) : undefined;
    target.parent[target.key] = source?.parent?.[source.key];
  }
  return copy;
}

function locate(root: Record<string, unknown>, pointer: string): { parent: Record<string, unknown> | undefined; key: string } {
  const parts = pointer.split("/").slice(1);
  const key = parts.pop()!;
  let parent: unknown = root;
  for (const part of parts) parent = typeof parent === "object" && parent !== null ? (parent as Record<string, unknown>)[part] : undefined;
  return { parent: typeof parent === "object" && parent !== null ? (parent as Record<string, unknown>) : undefined, key };
}
