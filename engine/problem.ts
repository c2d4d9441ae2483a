/** One field or BPMN element at fault in a problem. */
export interface ProblemDetail {
  /** JSON pointer into the request body (`/customer/phone`) for input errors. */
  pointer?: string;
  /** BPMN element id for route errors. */
  element?: string;
  /** BPMN element name, when it has one. */
  name?: string;
  message: string;
}

/** An error that the API renders as RFC 9457 `application/problem+json`; thrown by services on bad input. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: ProblemDetail[] = [],
    readonly type: string = "about:blank",
  ) {
    super(detail ?? title);
    this.name = "Problem";
  }

  /** The problem+json body. */
  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = { type: this.type, title: this.title, status: this.status };
    if (this.detail) body.detail = this.detail;
    if (this.errors.length) body.errors = this.errors;
    return body;
  }
}
