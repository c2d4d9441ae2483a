/**
 * The Twilio connector's configuration: the account's credentials, the sender (a number or a Messaging
 * Service), the API's base URL and whether to ask for status callbacks.
 */
import type { JsonSchema } from "../../sdk/index.ts";

/** A Twilio instance's configuration (defaults filled in by validation). */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A Twilio number in E.164 or an alphanumeric sender ID. */
  from?: string;
  /** Send through a Messaging Service instead of (or with) a `from` number. */
  messagingServiceSid?: string;
  /** https://api.twilio.com; tests point it at a loopback stub. */
  baseUrl?: string;
  /** Ask Twilio to call `/hooks/<instance>/status` with delivery reports (default true). */
  statusCallback?: boolean;
}

/** The default API address. */
export const TWILIO_API = "https://api.twilio.com";

/** JSON Schema of `TwilioConfig`: a sender is required, as `from` or `messagingServiceSid`. */
export const twilioConfigSchema: JsonSchema = {
  type: "object",
  required: ["accountSid", "authToken"],
  additionalProperties: false,
  properties: {
    accountSid: { type: "string", title: "Account SID", pattern: "^AC[0-9a-fA-F]{32}$", description: "AC… from the Twilio console." },
    authToken: { type: "string", title: "Auth token", minLength: 1, "x-secret": true, description: "Signs API calls and the status callbacks." },
    from: { type: "string", title: "From", minLength: 1, description: "A Twilio number in E.164 (+14155552345) or an alphanumeric sender ID." },
    messagingServiceSid: { type: "string", title: "Messaging Service SID", pattern: "^MG[0-9a-fA-F]{32}$", description: "MG…; used instead of From when set." },
    baseUrl: { type: "string", title: "API base URL", pattern: "^https?://", default: TWILIO_API },
    statusCallback: { type: "boolean", title: "Ask for delivery reports", default: true },
  },
  if: { not: { required: ["messagingServiceSid"] } },
  then: { required: ["from"] },
};
