/**
 * nodemailer transports for an SMTP instance: a pooled one held by the instance's session (connections
 * reused between messages, closed with the session), or a one-off for a call made without a session.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type { ConnectorSession } from "../../sdk/index.ts";
import type { SmtpConfig } from "./smtp.config.ts";

/** The session of an SMTP instance: its pooled transport. */
export interface SmtpSession extends ConnectorSession {
  transporter: Transporter;
}

/** Limits of a transport: connections kept per instance and how long to wait for the server. */
const POOL = { maxConnections: 5, maxMessages: 500 };
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

/** Opens the pooled transport of an instance (connections are made on first use). */
export function openSmtpSession(config: SmtpConfig): SmtpSession {
  const transporter = nodemailer.createTransport({ ...transportOptions(config), pool: true, ...POOL } as SMTPPool.Options);
  return {
    transporter,
    async close() {
      transporter.close();
    },
  };
}

/** A transport for one call (closed by the caller). */
export function oneOffTransport(config: SmtpConfig): Transporter {
  return nodemailer.createTransport(transportOptions(config));
}

/** `host:port`, for messages about the server. */
export function serverName(config: SmtpConfig): string {
  return `SMTP server ${config.host}:${config.port}`;
}

function transportOptions(config: SmtpConfig) {
  return {
    host: config.host,
    port: config.port,
    secure: config.secure ?? false,
    ignoreTLS: config.ignoreTLS ?? false,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? "" } } : {}),
    ...TIMEOUTS,
  };
}
