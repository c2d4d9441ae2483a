/**
 * The SMTP connector: sends email through any SMTP server with nodemailer. The instance's session holds a
 * pooled transport (connections reused between messages); every message carries a Message-ID derived from
 * its idempotency key, so a repeated send after a crash is recognisable as the same message.
 */
import type { Transporter } from "nodemailer";
import { ConnectorError, defineConnector } from "../../sdk/index.ts";
import elementTemplates from "./element-templates.json" with { type: "json" };
import { smtpFailure } from "./smtp-errors.ts";
import { composeEmail, smtpSendInputSchema, type SmtpSendInput } from "./smtp-message.ts";
import { oneOffTransport, openSmtpSession, serverName, type SmtpSession } from "./smtp-transport.ts";
import { smtpConfigSchema, type SmtpConfig } from "./smtp.config.ts";

/** Email through an SMTP server (nodemailer). */
export const smtpConnector = defineConnector<SmtpConfig>({
  id: "smtp",
  version: "1.0.0",
  title: "Email (SMTP)",
  kind: "email",
  description:
    "Sends email through an SMTP server: the message's template rendered for email (subject, HTML and text) in the recipient's locale, or the subject and bodies given as input. " +
    "A 5xx answer marks the message bounced (no retry); 4xx answers, refused connections and timeouts are retried. SMTP takes no idempotency key: " +
    "a send repeated after a crash carries the same Message-ID and X-Order-Routes-Message header, so mail clients and filters can tell it is the same message.",
  configSchema: smtpConfigSchema,
  actions: {
    send: {
      title: "Send email",
      description: "Sends the message's email template (or the subject, text and HTML inputs) to `to` (and `cc`, `bcc`).",
      channel: "email",
      inputSchema: smtpSendInputSchema,
      async run(input: SmtpSendInput, ctx) {
        const mail = await composeEmail(input, ctx);
        const session = ctx.session as SmtpSession | undefined;
        const transporter = session?.transporter ?? oneOffTransport(ctx.config);
        try {
          const info = await untilAborted(transporter.sendMail(mail), ctx.signal, serverName(ctx.config));
          return {
            status: "sent",
            providerId: info.messageId,
            detail: { accepted: addresses(info.accepted), rejected: addresses(info.rejected), response: info.response },
          };
        } catch (error) {
          throw error instanceof ConnectorError ? error : smtpFailure(error, serverName(ctx.config));
        } finally {
          if (!session) transporter.close();
        }
      },
    },
  },
  async open({ config }) {
    return openSmtpSession(config);
  },
  async health({ config, session, signal }) {
    const transporter: Transporter = (session as SmtpSession | undefined)?.transporter ?? oneOffTransport(config);
    try {
      await untilAborted(transporter.verify(), signal, serverName(config));
      return { ok: true, detail: `${serverName(config)} accepted the connection${config.user ? ` and the login of ${config.user}` : ""}.` };
    } catch (error) {
      return { ok: false, detail: (error instanceof ConnectorError ? error : smtpFailure(error, serverName(config))).message };
    } finally {
      if (!session) transporter.close();
    }
  },
  elementTemplates,
});

/** The promise, or a retryable error once the signal aborts (the dispatcher's timeout). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, server: string): Promise<T> {
  if (signal.aborted) return Promise.reject(timedOut(server));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(timedOut(server));
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

function addresses(list: (string | { address: string })[] | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === "string" ? entry : entry.address));
}

function timedOut(server: string): ConnectorError {
  return new ConnectorError(`${server} did not answer in time.`, { retryable: true, code: "ETIMEDOUT" });
}
