/**
 * Telephony in the runtime: call events logged on the customer's deals (and delivered to the deals waiting
 * for them), screen pops of incoming calls, click-to-call from a deal and its call log.
 */
export { recordCallEvent, payloadOf, type CallPayload } from "./record-call-event.ts";
export { popScreens, SCREEN_POP } from "./screen-pop.ts";
export { customerDeals, dealsOfCall, phoneKeys, CALL_ACTIONS, CALL_LOOKBACK_MS } from "./customer-deals.ts";
export { requestCall } from "./click-to-call.ts";
export { callLog, callLogEntry } from "./call-log.ts";
export { telephonyService, callEventDeps } from "./telephony.service.ts";
export { DEFAULT_PHONE_INSTANCE } from "./types.ts";
export type * from "./types.ts";
