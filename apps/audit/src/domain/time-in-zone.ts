import { formatInTimeZone, isKnownTimeZone } from '@accounts/contracts';

/** True for an IANA zone name the runtime knows (e.g. Europe/Paris, UTC). */
export const isTimeZone = isKnownTimeZone;

/** An instant in a zone with its offset (libs/contracts' formatter); one that does not parse is shown as written. */
export function timeInZone(instant: string, zone: string): string {
  try {
    return formatInTimeZone(instant, zone);
  } catch {
    return instant;
  }
}
