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

  constructor(message: string, options: { retryable: boolean; code?: string; status?: "failed" | "bounced" | "undelivered"; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConnectorError";
    this.retryable = options.retryable;
    this.code = options.code;
    this.status = options.status;
  }
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
  return error instanceof ConnectorError ? error.retryable : true;
}
