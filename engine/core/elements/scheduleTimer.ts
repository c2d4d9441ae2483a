/**
 * Scheduling a timer for a waiting token: resolve the definition, emit `timer.schedule`, and keep the
 * repetitions left of a counted cycle on the token (`rep`).
 */
import type { TimerSpec } from "../route.ts";
import type { Token } from "../types.ts";
import type { Run } from "../run.ts";
import { contextOf, emit } from "../run.ts";
import { firstDue, nextDue, resolveTimer, type Due } from "../timers/schedule.ts";

/** Schedules timer `timer` (an event id) for the token; returns the token, updated when it must count repetitions. */
export function scheduleTimer(run: Run, token: Token, timer: string, spec: TimerSpec): Token {
  const due = firstDue(resolveTimer(spec, () => contextOf(run, token), timer), run.now);
  return due ? announce(run, token, timer, due) : token;
}

/** Schedules the next repetition of a cycle timer that just fired; returns the token, updated. */
export function rescheduleTimer(run: Run, token: Token, timer: string, spec: TimerSpec): Token {
  const schedule = resolveTimer(spec, () => contextOf(run, token), timer);
  const due = nextDue(schedule, run.now, token.rep?.[timer]);
  return due ? announce(run, token, timer, due) : withRep(token, timer, undefined);
}

function announce(run: Run, token: Token, timer: string, due: Due): Token {
  emit(run, { type: "timer.schedule", token: token.id, timer, element: token.el, dueAt: due.at.toISOString() });
  return withRep(token, timer, due.left);
}

function withRep(token: Token, timer: string, left: number | undefined): Token {
  if (!left && token.rep?.[timer] === undefined) return token;
  const rep = { ...token.rep };
  if (left) rep[timer] = left;
  else delete rep[timer];
  const updated: Token = { ...token, rep };
  if (Object.keys(rep).length === 0) delete updated.rep;
  return updated;
}
