// Times on documents are shown in the company's zone with the offset printed, so a reader in
// any zone can place them: `2026-12-01 09:30:05 +09:00`.

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

export function formatTimeWithOffset(isoUtc: string, offset: string): string {
  const match = OFFSET.exec(offset);
  if (!match) throw new RangeError(`"${offset}" is not a UTC offset like +09:00`);
  const time = new Date(isoUtc);
  if (Number.isNaN(time.getTime())) throw new RangeError(`"${isoUtc}" is not a time`);
  const sign = match[1] === '-' ? -1 : 1;
  const minutes = sign * (Number(match[2]) * 60 + Number(match[3]));
  const local = new Date(time.getTime() + minutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${offset}`;
}
