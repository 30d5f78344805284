import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * `alice@example.com` -> `a***e@example.com`: enough for the user to recognize the address, not
 * enough to learn it. The domain stays readable: it is rarely the secret part.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = [...email.slice(0, at)];
  const shown = local.length <= 2 ? `${local[0]}***` : `${local[0]}***${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}

/**
 * `+33612345689` -> `+33 ******89`: country code and the last two digits. The number of stars is
 * fixed so the mask does not even tell the length of the number.
 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const countryCode = parsePhoneNumberFromString(e164)?.countryCallingCode ?? digits.slice(0, 1);
  return `+${countryCode} ******${digits.slice(-2)}`;
}
