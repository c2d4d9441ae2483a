/**
 * Twilio's status callbacks (form-encoded `MessageSid`, `MessageStatus`, `ErrorCode` …) turned into
 * `message.status` commands.
 */
import { formBody, InboundRejected, isForm, type DeliveryStatus, type EngineCommand, type InboundRequest } from "../../sdk/index.ts";

/** Our delivery status for a Twilio message status; null for statuses that say nothing about an outgoing message. */
export function deliveryStatusOf(twilioStatus: string): DeliveryStatus | null {
  switch (twilioStatus) {
    case "queued":
    case "accepted":
    case "scheduled":
    case "sending":
    case "sent":
      return "sent";
    case "delivered":
      return "delivered";
    case "read":
      return "read";
    case "undelivered":
    case "partially_delivered":
      return "undelivered";
    case "failed":
    case "canceled":
      return "failed";
    default:
      return null;
  }
}

/** The command a status callback means; `InboundRejected` 415/422 for a body that is not one. */
export function statusCommand(request: InboundRequest): EngineCommand {
  if (!isForm(request)) throw new InboundRejected(415, "Twilio status callbacks are application/x-www-form-urlencoded.");
  const form = formBody(request);
  const providerId = form.MessageSid;
  if (!providerId) throw new InboundRejected(422, "The status callback has no MessageSid.", "/MessageSid");
  const twilioStatus = form.MessageStatus ?? form.SmsStatus;
  if (!twilioStatus) throw new InboundRejected(422, "The status callback has no MessageStatus.", "/MessageStatus");
  const status = deliveryStatusOf(twilioStatus);
  if (!status) return { type: "none", note: `Twilio reported status "${twilioStatus}" for ${providerId}; nothing to record.` };
  const error = form.ErrorCode || (twilioStatus === "canceled" || twilioStatus === "partially_delivered" ? twilioStatus : undefined);
  return { type: "message.status", providerId, status, ...(error ? { error } : {}) };
}
