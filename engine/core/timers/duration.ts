/**
 * ISO 8601 durations (`PT1H`, `P1DT2H`, `P1W`, `P1Y2M`) and exact date arithmetic on them in UTC:
 * years and months move the calendar (clamping the day to the month's end), days are 24 hours.
 */

/** A parsed ISO 8601 duration. */
export interface Duration {
  sign: 1 | -1;
  years: number;
  months: number;
  days: number;
  /** Hours, minutes and seconds together, in milliseconds. */
  ms: number;
}

const PATTERN =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration; undefined when the text is not one. */
export function parseDuration(text: string): Duration | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim().endsWith("T") || !m.slice(2).some((part) => part !== undefined)) return undefined;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i].replace(",", ".")));
  return {
    sign: m[1] === "-" ? -1 : 1,
    years: n(2),
    months: n(3),
    days: n(4) * 7 + n(5),
    ms: Math.round(n(6) * 3_600_000 + n(7) * 60_000 + n(8) * 1000),
  };
}

/** Adds a duration to an instant, in UTC. */
export function addDuration(from: Date, d: Duration): Date {
  const out = new Date(from.getTime());
  const months = d.sign * (d.years * 12 + d.months);
  if (months !== 0) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + months);
    out.setUTCDate(Math.min(day, daysInMonth(out.getUTCFullYear(), out.getUTCMonth())));
  }
  return new Date(out.getTime() + d.sign * (d.days * 86_400_000 + d.ms));
}

/** True when a duration moves no time at all. */
export function isZero(d: Duration): boolean {
  return d.years === 0 && d.months === 0 && d.days === 0 && d.ms === 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
