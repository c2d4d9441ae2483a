/**
 * The outbound half of every storefront connector: `stage.push` POSTs each stage change of a deal to the
 * storefront as JSON signed with HMAC-SHA256 (`X-Order-Routes-Signature: sha256=<hex>`), with the outbox
 * message's idempotency key, so the customer's account page can show the stage. 2xx is sent; 408, 429, 5xx
 * and network failures are retried by the outbox; any other 4xx (and a missing URL or secret) is permanent.
 */
import { ConnectorError, hmac, httpRequest, safeEqual, type ActionResult, type ConnectorAction, type HttpAnswer } from "../../sdk/index.ts";
import type { StorefrontConfig } from "./config.ts";

/** Header with the body's signature, on pushes and on the generic connector's inbound webhooks. */
export const SIGNATURE_HEADER = "X-Order-Routes-Signature";
/** Header naming the event, on pushes and on the generic connector's inbound webhooks. */
export const EVENT_HEADER = "X-Order-Routes-Event";
/** The event a stage push reports. */
export const STAGE_CHANGED_EVENT = "deal.stage.changed";

/** The input the engine queues for each stage change of a storefront deal. */
export interface StagePushInput {
  dealId: string;
  externalId: string;
  stage: string;
  kind: "open" | "won" | "lost";
  from: string | null;
  at: string;
}

/** `sha256=<hex HMAC-SHA256 of the body>`: the value of `X-Order-Routes-Signature`. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${hmac("sha256", secret, body, "hex")}`;
}

/** True when `signature` is `sha256=<hex>` of the body with the secret (constant-time compare). */
export function verifyBodySignature(secret: string | undefined, body: Buffer | string, signature: string | undefined): boolean {
  if (!secret || !signature) return false;
  return safeEqual(signature.trim().toLowerCase(), signBody(secret, body));
}

/** The `stage.push` action shared by the storefront connectors. */
export const stagePushAction: ConnectorAction<StorefrontConfig, StagePushInput> = {
  title: "Push the deal's stage to the storefront",
  description: "POSTs {dealId, externalId, stage, kind, from, at} to the configured pushUrl, signed with pushSecret.",
  inputSchema: {
    type: "object",
    required: ["dealId", "externalId", "stage", "kind", "at"],
    properties: {
      dealId: { type: "string" },
      externalId: { type: "string" },
      stage: { type: "string" },
      kind: { enum: ["open", "won", "lost"] },
      from: { type: ["string", "null"] },
      at: { type: "string" },
    },
  },
  async run(input, ctx) {
    const { pushUrl, pushSecret } = ctx.config;
    if (!pushUrl) throw new ConnectorError(`The instance "${ctx.instance}" has no pushUrl: set one to tell the storefront about stage changes.`, { retryable: false, status: "failed" });
    if (!pushSecret) throw new ConnectorError(`The instance "${ctx.instance}" has no pushSecret: stage pushes are always signed, so set one and share it with the storefront.`, { retryable: false, status: "failed" });
    const body = JSON.stringify({ dealId: input.dealId, externalId: input.externalId, stage: input.stage, kind: input.kind, from: input.from ?? null, at: input.at });
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "idempotency-key": ctx.idempotencyKey,
      [EVENT_HEADER]: STAGE_CHANGED_EVENT,
      [SIGNATURE_HEADER]: signBody(pushSecret, body),
    };
    let response: HttpAnswer;
    try {
      response = await httpRequest(pushUrl, { method: "POST", headers, body, signal: ctx.signal });
    } catch (error) {
      throw new ConnectorError(`The storefront at ${pushUrl} could not be reached: ${(error as Error).message}.`, { retryable: true, cause: error });
    }
    const answer = response.text.slice(0, 300);
    if (response.ok) return { status: "sent", detail: { httpStatus: response.status, stage: input.stage } } satisfies ActionResult;
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new ConnectorError(`The storefront answered ${response.status} to the stage push${answer ? `: ${answer}` : ""}.`, {
      retryable,
      code: String(response.status),
      ...(retryable ? {} : { status: "failed" as const }),
    });
  },
};
