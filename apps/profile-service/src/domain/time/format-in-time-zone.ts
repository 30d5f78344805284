import { formatInTimeZone as formatIn } from '@accounts/contracts';
import { DomainError } from '@accounts/event-sourcing';
import { parseTimeZone } from '../values/time-zone';

/**
 * An instant as local time in the caller's IANA zone (libs/contracts' formatter), refusing a
 * non-date or an unknown zone with the profile's own errors.
 */
export function formatInTimeZone(instant: string | Date, timeZone: string): string {
  if (Number.isNaN(new Date(instant).getTime())) {
    throw new DomainError(
      'invalid',
      'PROFILE-instant-invalid',
      'instant must be an ISO-8601 date-time',
      {
        field: 'instant',
      },
    );
  }
  return formatIn(instant, parseTimeZone(timeZone));
}
