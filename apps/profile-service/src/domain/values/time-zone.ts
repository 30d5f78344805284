import { invalid } from '../shared/invalid';

// IANA names only (Area/Location, UTC, Etc/GMT+1): newer engines also accept "+01:00", which is not a zone.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export const DefaultTimeZone = 'UTC';

/**
 * An IANA time zone name known to the runtime. The case is fixed (europe/paris -> Europe/Paris), but a
 * current name is kept as chosen: ICU would turn Asia/Kolkata into its older alias Asia/Calcutta.
 */
export function parseTimeZone(raw: unknown): string {
  if (typeof raw === 'string' && IANA_NAME.test(raw)) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', {
        timeZone: raw,
      }).resolvedOptions().timeZone;
      return resolved.toLowerCase() === raw.toLowerCase() ? resolved : raw;
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
