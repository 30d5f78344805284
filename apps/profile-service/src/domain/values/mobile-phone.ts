import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { invalid } from '@accounts/event-sourcing';

/**
 * A phone number in international format, stored as E.164 (+33612345678).
 * null, undefined or an empty string mean "no mobile phone".
 */
export function parseMobilePhone(raw: unknown): string | null {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))
    return null;
  const phone = typeof raw === 'string' ? parsePhoneNumberFromString(raw.trim()) : undefined;
  if (!phone || !phone.isValid()) {
    throw invalid(
      'mobilePhone',
      'PROFILE-mobile-phone-invalid',
      'mobilePhone must be a valid phone number in international format starting with +, e.g. +33612345678',
    );
  }
  return phone.number;
}
