/**
 * What an SMTP failure means for the message: a 5xx answer is permanent (the message bounced: no retry can
 * help), a 4xx answer, a refused connection or a timeout is worth retrying. A refused login is the
 * instance's configuration, not the message's fault: retried (with backoff) while an admin fixes it.
 */
import { ConnectorError } from "../../sdk/index.ts";

/** The fields nodemailer puts on its errors. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** SMTP answers about the login (530 authentication required, 534/535/538 refused). */
const AUTH_CODES = new Set([530, 534, 535, 538]);

/** Network-level codes nodemailer reports (connection refused or dropped, DNS, timeouts, TLS). */
const NETWORK_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "ECONNREFUSED", "ECONNRESET", "EPROTOCOL"]);

/** Turns a nodemailer failure into a ConnectorError saying whether to retry. */
export function smtpFailure(error: unknown, server: string): ConnectorError {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as SmtpError;
  const answer = e.response ? `: ${e.response}` : e.message ? `: ${e.message}` : "";
  const code = e.responseCode !== undefined ? String(e.responseCode) : e.code;
  if (e.code === "EAUTH" || (e.responseCode !== undefined && AUTH_CODES.has(e.responseCode))) {
    return new ConnectorError(`${server} refused the login${answer}. Check the instance's user and password.`, { retryable: true, code: "EAUTH", cause: error });
  }
  if (e.responseCode !== undefined && e.responseCode >= 500) {
    return new ConnectorError(`${server} refused the message${e.command ? ` at ${e.command}` : ""}${answer}`, { retryable: false, status: "bounced", code, cause: error });
  }
  if (e.responseCode !== undefined && e.responseCode >= 400) {
    return new ConnectorError(`${server} deferred the message${e.command ? ` at ${e.command}` : ""}${answer}`, { retryable: true, code, cause: error });
  }
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE") {
    return new ConnectorError(`The message cannot be sent${answer}`, { retryable: false, status: "failed", code, cause: error });
  }
  const network = e.code !== undefined && NETWORK_CODES.has(e.code);
  return new ConnectorError(`${network ? `Cannot reach ${server}` : `Sending through ${server} failed`}${answer}`, { retryable: true, code, cause: error });
}
