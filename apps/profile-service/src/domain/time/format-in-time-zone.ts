import { DomainError } from '@accounts/event-sourcing';
import { parseTimeZone } from '../values/time-zone';

const pad = (value: number, width = 2): string =>
  String(Math.abs(value)).padStart(width, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: creating one costs far more than formatting with it. */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * An instant as local time in an IANA zone, ISO-8601 with its offset:
 * ('2026-01-01T00:00:00Z', 'Europe/Paris') -> '2026-01-01T01:00:00+01:00'.
 * Milliseconds appear only when not zero. Used to show every time in the caller's zone.
 */
export function formatInTimeZone(
  instant: string | Date,
  timeZone: string,
): string {
  const date = new Date(instant);
  const millis = date.getTime();
  if (Number.isNaN(millis)) {
    throw new DomainError(
      'invalid',
      'PROFILE-instant-invalid',
      'instant must be an ISO-8601 date-time',
      {
        field: 'instant',
      },
    );
  }
  const zone = parseTimeZone(timeZone);
  const parts = formatterFor(zone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const ms = ((millis % 1000) + 1000) % 1000;
  const local = {
    y: part('year'),
    mo: part('month'),
    d: part('day'),
    h: part('hour'),
    mi: part('minute'),
    s: part('second'),
  };
  // The zone's offset is how far the local wall-clock reading is from the instant.
  const wallClock = Date.UTC(
    local.y,
    local.mo - 1,
    local.d,
    local.h,
    local.mi,
    local.s,
    ms,
  );
  const offsetMinutes = Math.round((wallClock - millis) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3)}`;
  return (
    `${pad(local.y, 4)}-${pad(local.mo)}-${pad(local.d)}T${pad(local.h)}:${pad(local.mi)}:${pad(local.s)}` +
    `${fraction}${offset}`
  );
}
