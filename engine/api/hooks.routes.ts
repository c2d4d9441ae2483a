/**
 * /hooks/<instance>/<handler>: webhooks from providers and storefronts. No bearer token: each connector
 * verifies its provider's signature over the raw body, which is why this router parses nothing itself.
 */
import express, { Router, type Request } from "express";
import type { InboundRequest } from "../../connectors/sdk/index.ts";
import type { ConnectorServices } from "../runtime/connectors/index.ts";

/** The webhooks router, mounted at /hooks before any body parser. `publicUrl` is the base URL providers call (for signatures over the URL). */
export function hooksRoutes(connectors: ConnectorServices, options: { limit: string; publicUrl?: string }): Router {
  const router = Router();
  router.use(express.raw({ type: () => true, limit: options.limit }));
  const handle = async (req: Request, res: express.Response) => {
    const answer = await connectors.webhook(String(req.params.instance), String(req.params.handler), inboundRequest(req, options.publicUrl));
    res.status(answer.status).type(answer.contentType).send(answer.body);
  };
  router.post("/:instance/:handler", handle);
  router.get("/:instance/:handler", handle);
  return router;
}

function inboundRequest(req: Request, publicUrl: string | undefined): InboundRequest {
  const base = publicUrl?.replace(/\/$/, "") ?? `${req.protocol}://${req.get("host")}`;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(req.originalUrl, "http://x").searchParams) query[name] = value;
  return { method: req.method, url: base + req.originalUrl, headers, rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), query };
}
