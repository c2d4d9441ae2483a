/**
 * The Twilio connector: sends SMS through Twilio's Messages API and records the delivery reports Twilio
 * posts back to `/hooks/<instance>/status` (signed with `X-Twilio-Signature`).
 */
import { ConnectorError, defineConnector, isForm } from "../../sdk/index.ts";
import { messageText, recipientE164, smsSendInputSchema, type SmsSendInput } from "../sms-message.ts";
import elementTemplates from "./element-templates.json" with { type: "json" };
import { createMessage, fetchAccount } from "./twilio-messages.ts";
import { verifyFormSignature, verifyJsonSignature, type FormPairs } from "./twilio-signature.ts";
import { statusCommand } from "./twilio-status.ts";
import { twilioConfigSchema, type TwilioConfig } from "./twilio.config.ts";

/** SMS through Twilio (https://www.twilio.com/docs/messaging/api/message-resource). */
export const twilioConnector = defineConnector<TwilioConfig>({
  id: "twilio",
  version: "1.0.0",
  title: "Twilio SMS",
  kind: "sms",
  description:
    "Sends SMS through Twilio's Messages API and records Twilio's delivery reports (status callbacks to /hooks/<instance>/status, signature checked). " +
    "Twilio's Messages API takes no idempotency key: if the engine stops between Twilio accepting a message and recording it, the message is sent again after the restart, so a customer may rarely get an SMS twice.",
  configSchema: twilioConfigSchema,
  actions: {
    send: {
      title: "Send SMS",
      description: "Sends the message's SMS template (or the text input) to the number in `to`, normalised to E.164.",
      channel: "sms",
      inputSchema: smsSendInputSchema,
      async run(input: SmsSendInput, ctx) {
        const to = recipientE164(input.to);
        const body = await messageText(input, ctx);
        const statusCallback = ctx.config.statusCallback === false ? undefined : ctx.callbackUrl("status");
        return createMessage(ctx.config, { to, body, statusCallback }, ctx.signal);
      },
    },
  },
  inbound: {
    status: {
      title: "Delivery reports (status callback)",
      verify(request, ctx) {
        const signature = request.headers["x-twilio-signature"];
        if (!signature) return false;
        if (isForm(request)) return verifyFormSignature(ctx.config.authToken, request.url, formPairs(request.rawBody), signature);
        if (new URL(request.url).searchParams.has("bodySHA256")) return verifyJsonSignature(ctx.config.authToken, request.url, request.rawBody, signature);
        return verifyFormSignature(ctx.config.authToken, request.url, [], signature);
      },
      parse(request) {
        return { commands: [statusCommand(request)], response: { status: 204, body: "" } };
      },
    },
  },
  async health({ config, signal }) {
    try {
      const account = await fetchAccount(config, signal);
      return { ok: account.status === undefined || account.status === "active", detail: `Twilio account ${config.accountSid}${account.friendlyName ? ` (${account.friendlyName})` : ""} is ${account.status ?? "reachable"}.` };
    } catch (error) {
      return { ok: false, detail: error instanceof ConnectorError ? error.message : String(error) };
    }
  },
  elementTemplates,
});

/** Every form parameter in order, repeated names kept (the signature covers them all). */
function formPairs(rawBody: Buffer): FormPairs {
  return [...new URLSearchParams(rawBody.toString("utf8"))];
}
