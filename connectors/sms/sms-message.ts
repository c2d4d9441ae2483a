/**
 * What every SMS connector's `send` action shares: its input, the recipient normalised to E.164 and the
 * text taken from the rendered template (or the input's own text).
 */
import { ConnectorError, normalizePhone, type ActionContext, type JsonSchema } from "../sdk/index.ts";

/** The input of an SMS `send` action. */
export interface SmsSendInput {
  /** The recipient's number as the deal has it (`8 (912) 345-67-89`, `+79123456789`). */
  to: string;
  /** The text to send when the message names no template. */
  text?: string;
}

/** JSON Schema of `SmsSendInput` (other inputs, such as `orderId`, are allowed and ignored). */
export const smsSendInputSchema: JsonSchema = {
  type: "object",
  required: ["to"],
  properties: {
    to: { type: "string", title: "To", description: "The recipient's phone number; normalised to E.164 (Russia is the default country)." },
    text: { type: "string", title: "Text", description: "Sent when the message names no template." },
  },
};

/** The recipient in E.164; a permanent `ConnectorError` naming the number when it is not a valid phone number. */
export function recipientE164(to: string): string {
  const e164 = normalizePhone(to);
  if (!e164) throw new ConnectorError(`"${to}" is not a valid phone number, so no SMS can be sent to it.`, { retryable: false, status: "failed", code: "invalid-number" });
  return e164;
}

/** The text to send: the message's template rendered for SMS, else the input's text; a permanent error when neither gives any. */
export async function messageText(input: SmsSendInput, ctx: ActionContext<unknown>): Promise<string> {
  const rendered = await ctx.render("sms");
  const text = rendered?.channel === "sms" ? rendered.text : input.text;
  if (typeof text !== "string" || text.trim() === "") {
    const why = ctx.message.template ? `its template "${ctx.message.template}" rendered no text` : "it names no template and has no text input";
    throw new ConnectorError(`The SMS has nothing to say: ${why}.`, { retryable: false, status: "failed", code: "empty-text" });
  }
  return text;
}
