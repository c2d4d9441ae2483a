/**
 * The email an SMTP send puts on the wire: recipients from the input, subject and bodies from the message's
 * template (else from the input), and headers that make a repeated send recognisable: a Message-ID derived
 * from the idempotency key, `X-Order-Routes-Message` (the key) and `X-Order-Routes-Deal`.
 */
import { createHash } from "node:crypto";
import type Mail from "nodemailer/lib/mailer/index.js";
import { ConnectorError, type ActionContext, type JsonSchema } from "../../sdk/index.ts";
import type { SmtpConfig } from "./smtp.config.ts";

/** One address or several. */
export type Recipients = string | string[];

/** Input of the `send` action (more fields may come with the message; they are ignored). */
export interface SmtpSendInput {
  to: Recipients;
  cc?: Recipients;
  bcc?: Recipients;
  subject?: string;
  text?: string;
  html?: string;
}

const recipients: JsonSchema = {
  oneOf: [
    { type: "string", minLength: 3 },
    { type: "array", minItems: 1, items: { type: "string", minLength: 3 } },
  ],
};

/** JSON Schema of `SmtpSendInput`. */
export const smtpSendInputSchema: JsonSchema = {
  type: "object",
  required: ["to"],
  properties: {
    to: { ...recipients, description: "Recipient address or addresses." },
    cc: recipients,
    bcc: recipients,
    subject: { type: "string", description: "Used when the message names no template." },
    text: { type: "string", description: "Plain-text body, when the message names no template." },
    html: { type: "string", description: "HTML body, when the message names no template." },
  },
};

/** Header naming the outbox message (its idempotency key). */
export const MESSAGE_HEADER = "X-Order-Routes-Message";
/** Header naming the deal the message is about. */
export const DEAL_HEADER = "X-Order-Routes-Deal";

/** The nodemailer message for an input: the template rendered for email when the message has one, else the input's own subject and bodies. */
export async function composeEmail(input: SmtpSendInput, ctx: ActionContext<SmtpConfig>): Promise<Mail.Options> {
  const rendered = ctx.message.template ? await ctx.render("email") : undefined;
  const email = rendered?.channel === "email" ? rendered : undefined;
  const subject = email?.subject ?? input.subject;
  const text = email?.text ?? input.text;
  const html = email?.html ?? input.html;
  const missing = [...(subject ? [] : ["subject"]), ...(text || html ? [] : ["text or HTML body"])];
  if (missing.length > 0) {
    const source = ctx.message.template ? `the template "${ctx.message.template}" rendered no email and the input has` : "the message names no template and its input has";
    throw new ConnectorError(`Cannot send the email: ${source} no ${missing.join(" and no ")}.`, { retryable: false, status: "failed" });
  }
  const headers: Record<string, string> = { [MESSAGE_HEADER]: ctx.idempotencyKey };
  if (ctx.message.dealId) headers[DEAL_HEADER] = ctx.message.dealId;
  return {
    from: ctx.config.from,
    ...(ctx.config.replyTo ? { replyTo: ctx.config.replyTo } : {}),
    to: input.to,
    ...(input.cc ? { cc: input.cc } : {}),
    ...(input.bcc ? { bcc: input.bcc } : {}),
    subject,
    ...(text ? { text } : {}),
    ...(html ? { html } : {}),
    messageId: messageIdFor(ctx.idempotencyKey, ctx.config.from),
    headers,
  };
}

/** A Message-ID that is the same for every send of one message: `<or.<hash of the key>@<sender's domain>>`. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const hash = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? "order-routes.invalid";
  return `<or.${hash}@${domain}>`;
}
