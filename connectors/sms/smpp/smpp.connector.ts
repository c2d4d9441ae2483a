/**
 * The SMPP connector: one transceiver bind per instance to the operator's SMS centre (SMSC), kept open to
 * receive delivery receipts; `send` submits the SMS over it.
 */
import { ConnectorError, defineConnector } from "../../sdk/index.ts";
import { messageText, recipientE164, smsSendInputSchema, type SmsSendInput } from "../sms-message.ts";
import elementTemplates from "./element-templates.json" with { type: "json" };
import { SmppLink } from "./smpp-link.ts";
import { submitText } from "./smpp-submit.ts";
import { smppConfigSchema, type SmppConfig } from "./smpp.config.ts";

/** SMS over SMPP 3.4 (the `smpp` package). */
export const smppConnector = defineConnector<SmppConfig>({
  id: "smpp",
  version: "1.0.0",
  title: "SMPP (SMS centre)",
  kind: "sms",
  description:
    "Sends SMS through an SMS centre over SMPP 3.4, bound as a transceiver and bound again when the connection drops; delivery receipts update the message. " +
    "Russian and other non-GSM texts go as UCS-2; long texts as concatenated parts (or message_payload). SMPP has no idempotency key: if the engine stops between the SMSC accepting a message and recording it, the message is sent again after the restart.",
  configSchema: smppConfigSchema,
  eager: true,
  async open(ctx) {
    const link = new SmppLink(ctx.config, ctx);
    await link.start();
    return link;
  },
  actions: {
    send: {
      title: "Send SMS",
      description: "Submits the message's SMS template (or the text input) to the number in `to`, normalised to E.164.",
      channel: "sms",
      inputSchema: smsSendInputSchema,
      async run(input: SmsSendInput, ctx) {
        const to = recipientE164(input.to);
        const text = await messageText(input, ctx);
        if (!(ctx.session instanceof SmppLink)) throw new ConnectorError(`The SMPP instance "${ctx.instance}" has no open session; will retry.`, { retryable: true });
        return submitText(ctx.session, ctx.config, to.slice(1), text, ctx.signal);
      },
    },
  },
  async health({ config, session }) {
    if (session instanceof SmppLink && session.isBound) return { ok: true, detail: `Bound as "${config.systemId}" to the SMSC at ${session.where}.` };
    return { ok: false, detail: `Not bound to the SMSC at ${config.host}:${config.port ?? 2775}${session ? " (reconnecting)" : ""}.` };
  },
  elementTemplates,
});
