import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DISPLAY_TZ = 'Asia/Shanghai';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** A UTC ISO string from the server, shown in Beijing time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs.utc(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format(DATE_TIME_FORMAT) : iso;
}

/** A time picked in the UI, read as Beijing wall-clock time, as a UTC ISO string for the server. */
export function pickedToUtcIso(value: Dayjs): string {
  return dayjs.tz(value.format(DATE_TIME_FORMAT), DATE_TIME_FORMAT, DISPLAY_TZ).utc().toISOString();
}

export function isInFuture(iso: string | null | undefined): boolean {
  if (!iso) return false;
  const d = dayjs.utc(iso);
  return d.isValid() && d.isAfter(dayjs.utc());
}
