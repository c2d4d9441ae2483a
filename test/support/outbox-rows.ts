/**
 * Pending stage-push messages written straight into the outbox (for the crash test and the outbox bench).
 */
import { pendingDelivery, type OutboxRow } from "../../engine/store/index.ts";

/** `count` pending `stage.push` messages for `instance`, keyed `<keyPrefix><n>`, without deals. */
export function stagePushRows(count: number, instance: string, keyPrefix: string, now: Date, from = 0): Omit<OutboxRow, "id">[] {
  return Array.from({ length: count }, (_, i) => ({
    dealId: null,
    token: null,
    elementId: null,
    connector: instance,
    action: "stage.push",
    template: null,
    payload: { dealId: `deal-${from + i}`, externalId: `E-${from + i}`, stage: "assembly", kind: "open", from: "new", at: now.toISOString() },
    idempotencyKey: `${keyPrefix}${from + i}`,
    audience: "system",
    ...pendingDelivery(now),
  }));
}
