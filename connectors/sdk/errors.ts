/**
 * The two errors a connector throws: `ConnectorError` from an action (retryable or permanent), and
 * `InboundRejected` from an inbound handler (the HTTP status and the field at fault).
 */

/** A failed action call. `retryable: false` means no retry can help (bad number, 5xx bounce): the message goes dead at once. */
export class ConnectorError extends Error {
  readonly retryable: boolean;
  /** The provider's own error code, when it gave one. */
  readonly code?: string;
  /** Delivery status to record when permanent (`bounced`, `failed`). */
  readonly status?: "failed" | "bounced" | "undelivered";
  /** The provider asked to wait this long before the next try (e.g. HTTP 429 Retry-After). */
  readonly retryAfterMs?: number;

  constructor(message: string, options: { retryable: boolean; code?: string; status?: "failed" | "bounced" | "undelivered"; retryAfterMs?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConnectorError";
    this.retryable = options.retryable;
    this.code = options.code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * A ConnectorError, also one thrown by a connector package with its own copy of the SDK (recognised by
 * its name and fields, not by `instanceof`).
 */
export function asConnectorError(error: unknown): ConnectorError | undefined {
  if (error instanceof ConnectorError) return error;
  const fields = error as { retryable?: unknown } | null;
  return error instanceof Error && error.name === "ConnectorError" && typeof fields?.retryable === "boolean" ? (error as ConnectorError) : undefined;
}

/** An InboundRejected, also one from a connector package's own copy of the SDK. */
export function asInboundRejected(error: unknown): InboundRejected | undefined {
  if (error instanceof InboundRejected) return error;
  const fields = error as { status?: unknown } | null;
  return error instanceof Error && error.name === "InboundRejected" && typeof fields?.status === "number" ? (error as InboundRejected) : undefined;
}

/** A webhook request refused: 401 for a bad signature, 422 for a malformed payload (with a JSON pointer to the field). */
export class InboundRejected extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 415 | 422,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
    this.name = "InboundRejected";
  }
}

/** True for a connector error that a later attempt may fix; unknown errors (network, timeouts) are retryable. */
export function isRetryable(error: unknown): boolean {
  return asConnectorError(error)?.retryable ?? true;
}
