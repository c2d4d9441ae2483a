/**
 * A webhook call to a connector instance (`/hooks/<instance>/<handler>`): verify the signature (401 and
 * nothing runs when it is bad), parse (422 naming the field when malformed), then run each command.
 */
import { asInboundRejected, type InboundRequest, type InboundResult } from "../../../connectors/sdk/index.ts";
import { Problem } from "../../problem.ts";
import type { RuntimeContext } from "../context.ts";
import type { ConnectorRuntime } from "../connectors/connector-runtime.ts";
import { runCommand, type CommandDeps, type CommandResult } from "./commands.ts";

/** The HTTP answer to a webhook. */
export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Handles one webhook call. */
export async function handleWebhook(ctx: RuntimeContext, connectors: ConnectorRuntime, deps: CommandDeps, instanceName: string, handlerName: string, request: InboundRequest): Promise<WebhookAnswer> {
  const instance = await connectors.find(instanceName);
  if (!instance || !instance.enabled) throw new Problem(404, "Webhook not found", `No enabled connector instance "${instanceName}".`);
  const handler = instance.connector.inbound?.[handlerName];
  if (!handler) throw new Problem(404, "Webhook not found", `The ${instance.connector.id} connector has no webhook "${handlerName}"; it has: ${Object.keys(instance.connector.inbound ?? {}).join(", ") || "none"}.`);
  const context = { config: instance.config, instance: instance.name, log: connectors.log };
  let parsed: InboundResult;
  try {
    if (!(await handler.verify(request, context))) throw new Problem(401, "Bad signature", `The request's signature does not verify for the connector instance "${instanceName}"; check the shared secret.`);
    parsed = await handler.parse(request, context);
  } catch (error) {
    throw asProblem(error);
  }
  const results: CommandResult[] = [];
  for (const command of parsed.commands) results.push(await runCommand(ctx, deps, { name: instance.name, connector: instance.connector.id }, command));
  if (parsed.response) return { status: parsed.response.status, contentType: parsed.response.contentType ?? "text/plain", body: parsed.response.body };
  const created = results.some((r) => r.type === "deal.start" && r.created === true);
  const unknown = results.length > 0 && results.every((r) => r.found === false);
  return { status: created ? 201 : unknown ? 202 : 200, contentType: "application/json", body: JSON.stringify({ results }) };
}

function asProblem(thrown: unknown): unknown {
  const error = asInboundRejected(thrown);
  if (!error) return thrown;
  const titles = { 400: "Bad request", 401: "Bad signature", 404: "Not found", 415: "Unsupported media type", 422: "Invalid payload" } as const;
  return new Problem(error.status, titles[error.status], error.message, error.pointer ? [{ pointer: error.pointer, message: error.message }] : []);
}
