/**
 * The SMTP connector's configuration: the server, the login (the password is a secret), the sender and
 * the TLS mode.
 */
import type { JsonSchema } from "../../sdk/index.ts";

/** An SMTP instance's configuration (defaults filled in by validation). */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure?: boolean;
  /** Login; leave out for a relay that needs none. */
  user?: string;
  password?: string;
  /** The sender: `shop@example.com` or `Shop <shop@example.com>`. */
  from: string;
  replyTo?: string;
  /** Never upgrade to TLS, even when the server offers STARTTLS (local relays only). */
  ignoreTLS?: boolean;
}

/** JSON Schema of `SmtpConfig`. */
export const smtpConfigSchema: JsonSchema = {
  type: "object",
  required: ["host", "port", "from"],
  additionalProperties: false,
  properties: {
    host: { type: "string", title: "SMTP server", minLength: 1, description: "Host name or address, e.g. smtp.example.com." },
    port: { type: "integer", title: "Port", minimum: 1, maximum: 65535, default: 587, description: "587 (STARTTLS), 465 (TLS) or 25." },
    secure: { type: "boolean", title: "TLS from the start (port 465)", default: false },
    user: { type: "string", title: "User", minLength: 1 },
    password: { type: "string", title: "Password", "x-secret": true },
    from: { type: "string", title: "From", minLength: 3, pattern: "@", description: "shop@example.com or Shop <shop@example.com>." },
    replyTo: { type: "string", title: "Reply-To", pattern: "@" },
    ignoreTLS: { type: "boolean", title: "Never use STARTTLS", default: false },
  },
  if: { required: ["user"] },
  then: { required: ["password"] },
};
