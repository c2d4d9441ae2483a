/**
 * The pure engine core: compiled routes in, snapshots and effects out. No I/O.
 */
export { transition, initialSnapshot, MAX_STEPS } from "./transition.ts";
export { findMessageStart, nextStartTimers, nextStartTimer, waitingTasks, awaitedMessages } from "./helpers.ts";
export type { StartTimerDue } from "./helpers.ts";
export { EngineError } from "./errors.ts";
export { evalFeel, feelCondition, feelContext } from "./feel.ts";
export { parseTimerText, parseInstant, firstDue, nextDue, resolveTimer } from "./timers/schedule.ts";
export type { Schedule, Due } from "./timers/schedule.ts";
export { parseDuration, addDuration } from "./timers/duration.ts";
export { parseCron, nextCron } from "./timers/cron.ts";
export type * from "./types.ts";
export type * from "./route.ts";
export * from "./schedule/index.ts";

/** The core's transition function type, for code that takes it as a parameter (bench, conformance). */
export type Transition = typeof import("./transition.ts").transition;
