/**
 * The telephony service the API offers (click-to-call from a deal, the deal's call log), and the wiring that
 * sends every `call.event` a connector reports (webhook or ARI session) to `recordCallEvent`.
 */
import type { CallEvent } from "../../../connectors/sdk/index.ts";
import type { RuntimeContext } from "../context.ts";
import { deliverIfAwaited } from "../messages/system-delivery.ts";
import { hubOf } from "../notifications/hub.ts";
import { callLog } from "./call-log.ts";
import { requestCall } from "./click-to-call.ts";
import { recordCallEvent } from "./record-call-event.ts";
import type { CallEventDeps, TelephonyService } from "./types.ts";

/** Builds the telephony service; given the connector services, it also takes their call events. */
export function telephonyService(
  ctx: RuntimeContext,
  connectors?: { onCallEvent(handler: (call: CallEvent) => Promise<unknown>): void; outbox?: { kick(): void } },
): TelephonyService {
  const deps = callEventDeps(ctx);
  connectors?.onCallEvent((call) => recordCallEvent(ctx, call, deps));
  return {
    async call(dealId, input, caller) {
      const requested = await requestCall(ctx, dealId, input, caller);
      connectors?.outbox?.kick(); // the operator is waiting for the phone to ring: do not wait for the next tick
      return requested;
    },
    log: (dealId, caller) => callLog(ctx, dealId, caller),
  };
}

/** The process's notification hub, and delivery through `deliverIfAwaited` (the engine's system messages). */
export function callEventDeps(ctx: RuntimeContext): CallEventDeps {
  return {
    hub: hubOf(ctx.dataSource),
    deliver: async (deal, name, payload) => void (await deliverIfAwaited(ctx, deal.id, name, payload, { actor: "telephony" })),
  };
}
