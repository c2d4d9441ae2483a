/**
 * What the server shows outside /api: the designer build when there is one, else a small home page.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router, type RequestHandler } from "express";

/** Serves `distDir` (a single-page app with index.html) when it exists, else the home page at `/`. */
export function webHandler(distDir: string): RequestHandler {
  const router = Router();
  if (existsSync(join(distDir, "index.html"))) {
    router.use(express.static(distDir));
    router.get("/{*splat}", (_req, res) => res.sendFile(join(distDir, "index.html")));
  } else {
    router.get("/", (_req, res) => res.type("html").send(HOME_PAGE));
  }
  return router;
}

/** The self-contained page shown at `/` before the designer is built. */
export const HOME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>order-routes</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
  code { background: #f3f3f3; padding: 0 .25rem; border-radius: 3px; }
  a { color: #0b63c5; }
</style>
</head>
<body>
<h1>order-routes</h1>
<p>A low-code workflow engine for order processing: BPMN routes, durable deals, staff tasks.</p>
<ul>
  <li><a href="/api/openapi.json">API description (OpenAPI 3.1)</a></li>
  <li><a href="/api/health">Health</a></li>
</ul>
<p>Log in with <code>POST /api/auth/login</code> and call the API with <code>Authorization: Bearer &lt;token&gt;</code>;
the README walks through publishing a route, posting an order and completing its tasks.</p>
<p>The designer UI ships with the designer build (<code>designer/dist</code>); until it is built, this page stands in for it.</p>
</body>
</html>
`;
