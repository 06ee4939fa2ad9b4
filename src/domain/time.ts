// Time formats of the eSignon surface. Pure: every function takes the instant it works on.

import type { Branded } from './ids.ts';

/**
 * A stored instant: ISO-8601 UTC with milliseconds, always `YYYY-MM-DDTHH:mm:ss.sssZ`, so it
 * sorts as text and reads the same on SQLite and PostgreSQL. Made only by `toTimestamp`.
 */
export type Timestamp = Branded<string, 'Timestamp'>;

/** The last instant made a Timestamp, and its text: a change writes its one instant into most of its rows. */
let lastMs = Number.NaN;
let lastText = '';

export function toTimestamp(instant: Date): Timestamp {
  const ms = instant.getTime();
  // An invalid date's NaN never equals itself: toISOString throws for it as before.
  if (ms !== lastMs) {
    lastText = instant.toISOString();
    lastMs = ms;
  }
  return lastText as Timestamp;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The export payload's `workdatetime`: UTC, `YYYY-MM-DD HH:mm:ss.f`, the fraction's trailing
 * zeros dropped but at least one digit kept (`04:23:28.0`, `04:23:28.25`, `04:23:28.123`).
 */
export function formatWorkdatetime(instant: Date): string {
  // From the ISO form, YYYY-MM-DDTHH:mm:ss.sssZ: one native call per export event.
  const iso = instant.toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '') || '0';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction}`;
}

/** `YYYY-MM-DD HH:mm:ss` in UTC. */
function formatUtc(instant: Date): string {
  return (
    `${instant.getUTCFullYear()}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())} ` +
    `${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}`
  );
}

/** Minutes east of UTC for `+09:00` / `-03:30`, or null when the text is not such an offset. */
export function parseUtcOffset(offset: string): number | null {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function offsetMinutes(offset: string): number {
  const minutes = parseUtcOffset(offset);
  if (minutes === null) throw new RangeError(`not a UTC offset: ${offset}`);
  return minutes;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The instant a calendar day starts in the given offset. */
export function startOfDay(date: string, offset: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) - offsetMinutes(offset) * 60_000);
}

/** The instant a calendar day ends (the next day's start) in the given offset. */
export function endOfDay(date: string, offset: string): Date {
  return new Date(startOfDay(date, offset).getTime() + 86_400_000);
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the given offset. */
export function dayInOffset(instant: Date, offset: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(offset) * 60_000);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:mm:ss` as a wall clock in the given offset: how the eSignon pages show dates. */
export function formatInOffset(instant: Date, offset: string): string {
  return formatUtc(new Date(instant.getTime() + offsetMinutes(offset) * 60_000));
}
