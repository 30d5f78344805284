import { invalid } from '@accounts/event-sourcing';

// IANA names only (Area/Location, UTC, Etc/GMT+1): newer engines also accept "+01:00", which is not a zone.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export const DefaultTimeZone = 'UTC';

// Building an Intl.DateTimeFormat costs ~50 µs; answers are the same every time, so remember them.
const resolvedZones = new Map<string, string>();

/**
 * An IANA time zone name known to the runtime. The case is fixed (europe/paris -> Europe/Paris), but a
 * current name is kept as chosen: ICU would turn Asia/Kolkata into its older alias Asia/Calcutta.
 */
export function parseTimeZone(raw: unknown): string {
  const known = typeof raw === 'string' ? resolvedZones.get(raw) : undefined;
  if (known) return known;
  if (typeof raw === 'string' && IANA_NAME.test(raw)) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', {
        timeZone: raw,
      }).resolvedOptions().timeZone;
      const zone = resolved.toLowerCase() === raw.toLowerCase() ? resolved : raw;
      if (resolvedZones.size < 2_000) resolvedZones.set(raw, zone);
      return zone;
    } catch {
      // unknown zone: fall through to the error below
    }
  }
  throw invalid(
    'timeZone',
    'PROFILE-time-zone-invalid',
    'timeZone must be an IANA time zone name, e.g. Europe/Paris',
  );
}
