/**
 * Cron expressions (5 fields `min hour day month weekday`, or 6 with seconds first) and their next
 * occurrence in UTC, computed purely. Fields take `*`, `?`, lists, ranges, steps and month/day names;
 * when both day-of-month and day-of-week are restricted a day matching either one matches (Vixie cron).
 */

/** A parsed cron expression: the allowed values of each field. */
export interface Cron {
  seconds: boolean[];
  minutes: boolean[];
  hours: boolean[];
  days: boolean[];
  months: boolean[];
  weekdays: boolean[];
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Parses a cron expression; undefined when it is not a valid one. */
export function parseCron(text: string): Cron | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [sec, min, hour, day, month, weekday] = parts.length === 6 ? parts : ["0", ...parts];
  const seconds = field(sec, 0, 59);
  const minutes = field(min, 0, 59);
  const hours = field(hour, 0, 23);
  const days = field(day, 1, 31);
  const months = field(month, 1, 12, MONTHS, 1);
  const weekdays = field(weekday, 0, 7, WEEKDAYS, 0);
  if (!seconds || !minutes || !hours || !days || !months || !weekdays) return undefined;
  if (weekdays[7]) weekdays[0] = true;
  return {
    seconds, minutes, hours, days, months, weekdays,
    daysRestricted: !isAny(day),
    weekdaysRestricted: !isAny(weekday),
  };
}

/** The first instant strictly after `after` that the cron expression matches (UTC); undefined if none within 5 years. */
export function nextCron(cron: Cron, after: Date): Date | undefined {
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const limit = after.getTime() + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!cron.months[t.getUTCMonth() + 1]) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0);
    } else if (!dayMatches(cron, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0);
    } else if (!cron.hours[t.getUTCHours()]) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0);
    } else if (!cron.minutes[t.getUTCMinutes()]) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0);
    } else if (!cron.seconds[t.getUTCSeconds()]) {
      t.setUTCSeconds(t.getUTCSeconds() + 1);
    } else {
      return t;
    }
  }
  return undefined;
}

function dayMatches(cron: Cron, t: Date): boolean {
  const byDay = cron.days[t.getUTCDate()];
  const byWeekday = cron.weekdays[t.getUTCDay()];
  if (cron.daysRestricted && cron.weekdaysRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

function isAny(text: string): boolean {
  return text === "*" || text === "?";
}

function field(text: string, min: number, max: number, names?: string[], nameBase = 0): boolean[] | undefined {
  const allowed = new Array<boolean>(max + 1).fill(false);
  for (const item of text.split(",")) {
    const [range, stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    const bounds = rangeOf(range, min, max, names, nameBase, stepText !== undefined);
    if (!bounds) return undefined;
    for (let v = bounds[0]; v <= bounds[1]; v += step) allowed[v] = true;
  }
  return allowed;
}

function rangeOf(text: string, min: number, max: number, names: string[] | undefined, nameBase: number, stepped: boolean): [number, number] | undefined {
  if (isAny(text)) return [min, max];
  const [lowText, highText] = text.split("-");
  const low = value(lowText, names, nameBase);
  const high = highText === undefined ? (stepped ? max : low) : value(highText, names, nameBase);
  if (low === undefined || high === undefined || low < min || high > max || low > high) return undefined;
  return [low, high];
}

function value(text: string, names: string[] | undefined, nameBase: number): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const i = names?.indexOf(text.toUpperCase()) ?? -1;
  return i < 0 ? undefined : i + nameBase;
}
