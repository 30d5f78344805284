import { invalid } from '../credential-errors';

/** An optional instant in the future, normalised to ISO-8601 UTC; null: the credential never expires. */
export function parseExpiry(raw: string | null | undefined, now: Date): string | null {
  if (raw === undefined || raw === null) return null;
  const instant = new Date(raw);
  if (Number.isNaN(instant.getTime())) {
    throw invalid(
      'expiresAt',
      'CREDENTIALS-expiry-invalid',
      'must be an ISO-8601 date or date-time',
    );
  }
  if (instant.getTime() <= now.getTime()) {
    throw invalid('expiresAt', 'CREDENTIALS-expiry-not-in-future', 'must be in the future');
  }
  return instant.toISOString();
}

export function hasExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= now.getTime();
}
