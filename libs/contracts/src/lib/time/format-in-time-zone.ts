const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: creating one costs far more than formatting with it. Throws RangeError for an unknown zone. */
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
    if (formatters.size < 2_000) formatters.set(zone, formatter);
  }
  return formatter;
}

/** True for a zone name the runtime knows (e.g. Europe/Paris, UTC). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * An instant as local time in an IANA zone, ISO-8601 with its offset:
 * ('2026-01-01T00:00:00Z', 'Europe/Paris') -> '2026-01-01T01:00:00+01:00'.
 * Milliseconds appear only when not zero. Throws RangeError for an invalid instant or an unknown zone;
 * callers that take either from a client check them first and answer with their own error.
 */
export function formatInTimeZone(instant: string | Date, zone: string): string {
  const date = new Date(instant);
  const millis = date.getTime();
  if (Number.isNaN(millis)) throw new RangeError(`not an instant: ${String(instant)}`);
  const parts = formatterFor(zone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const ms = ((millis % 1000) + 1000) % 1000;
  const [y, mo, d, h, mi, s] = [
    part('year'),
    part('month'),
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  ];
  // The zone's offset is how far the local wall-clock reading is from the instant.
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s, ms) - millis) / 60_000);
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3)}`;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction}${offset}`;
}
