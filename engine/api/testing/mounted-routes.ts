/**
 * Lists the endpoints an express 5 app mounts, by walking its router stack (for tests).
 */
import type { Express } from "express";

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/** Every `METHOD /path` the app routes, with `:param` written as OpenAPI's `{param}`. */
export function mountedRoutes(app: Express): string[] {
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  return walk(router.stack, "").sort();
}

function walk(stack: LayerLike[], prefix: string): string[] {
  const found: string[] = [];
  for (const layer of stack) {
    const base = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? prefix + layer.rawPath : prefix;
    if (layer.route && typeof layer.route.path === "string") {
      const path = join(prefix, layer.route.path).replace(/:(\w+)/g, "{$1}");
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") found.push(`${method.toUpperCase()} ${path}`);
    } else if (layer.handle?.stack) {
      found.push(...walk(layer.handle.stack, base));
    }
  }
  return found;
}

function join(prefix: string, path: string): string {
  if (path === "/") return prefix || "/";
  return prefix + path;
}
