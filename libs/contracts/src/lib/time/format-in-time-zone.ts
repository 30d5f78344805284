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
  const offsetMs = hourOffsetMs(zone, millis);
  if (offsetMs !== undefined) return writeLocal(millis, offsetMs);
  const [y, mo, d, h, mi, s] = wallClock(zone, date);
  const ms = ((millis % 1000) + 1000) % 1000;
  // The zone's offset is how far the local wall-clock reading is from the instant.
  const offsetMinutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s, ms) - millis) / 60_000);
  return writeIso(y, mo, d, h, mi, s, ms, offsetMinutes);
}

const HOUR_MS = 3_600_000;

/** Offsets by `${zone} ${UTC hour}`, for the hours where the zone keeps one whole-minute offset. */
const hourOffsets = new Map<string, number>();
/** Marks an hour seen once: not looked up yet (an instant alone in its hour is formatted as before). */
const SEEN = Number.POSITIVE_INFINITY;

/**
 * formatToParts costs ~5 µs a call and an account answer formats two instants, mostly in the same
 * few hours (the edit's own time is now): the second time an hour of a zone comes, the zone's
 * offset is looked up for that hour, and the instants of that hour are written from it. It is
 * taken at both ends of the hour and kept only when they agree (no change of offset inside the
 * hour: zones change at most once within hours) and it is a whole number of minutes (local mean
 * times before 1900 are not); otherwise, and for an hour seen once, the instant is formatted from
 * its own parts, as before.
 */
function hourOffsetMs(zone: string, millis: number): number | undefined {
  if (millis < 0) return undefined;
  const hour = Math.floor(millis / HOUR_MS);
  const key = `${zone} ${hour}`;
  const cached = hourOffsets.get(key);
  if (cached !== undefined && cached !== SEEN) return Number.isNaN(cached) ? undefined : cached;
  if (hourOffsets.size >= 10_000) hourOffsets.clear();
  if (cached === undefined) {
    hourOffsets.set(key, SEEN);
    return undefined;
  }
  const start = hour * HOUR_MS;
  const atStart = exactOffsetMs(zone, start);
  const atEnd = exactOffsetMs(zone, start + HOUR_MS - 1);
  const offset = atStart === atEnd && atStart % 60_000 === 0 ? atStart : Number.NaN;
  hourOffsets.set(key, offset);
  return Number.isNaN(offset) ? undefined : offset;
}

/** Local wall clock minus the instant, to the millisecond. */
function exactOffsetMs(zone: string, millis: number): number {
  const [y, mo, d, h, mi, s] = wallClock(zone, new Date(millis));
  return Date.UTC(y, mo - 1, d, h, mi, s, ((millis % 1000) + 1000) % 1000) - millis;
}

function wallClock(zone: string, date: Date): number[] {
  const parts = formatterFor(zone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return [part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second')];
}

function writeLocal(millis: number, offsetMs: number): string {
  const local = new Date(millis + offsetMs);
  return writeIso(
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
    offsetMs / 60_000,
  );
}

function writeIso(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMinutes: number,
): string {
  const offset = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3)}`;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction}${offset}`;
}
