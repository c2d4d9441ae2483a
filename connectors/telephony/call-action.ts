/**
 * What every telephony connector's `call` action shares: its input and the action's title and schema.
 */

/** The input of the `call` action (click-to-call: the operator's phone rings first, then the customer's). */
export interface CallInput {
  /** The operator's extension, rung first; the instance's default when absent. */
  operator?: string | number;
  /** The customer's phone. */
  to: string | number;
}

/** Title and input schema of the `call` action. */
export const CALL_ACTION = {
  title: "Call the customer (the operator's phone rings first)",
  inputSchema: {
    type: "object",
    required: ["to"],
    properties: { operator: { type: ["string", "number"], minLength: 1 }, to: { type: ["string", "number"], minLength: 1 } },
  },
} as const;
