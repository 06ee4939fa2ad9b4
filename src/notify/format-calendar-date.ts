import type { Language } from './message.ts';

/**
 * `2026-12-31` as people read it: `2026년 12월 31일`, `December 31, 2026`, `2026年12月31日`.
 * The date is a calendar day, not an instant, so it is formatted in UTC and never shifts.
 */
export function formatCalendarDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  const instant = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(instant.getTime())) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
}
