import { SecondFactor, SecondFactors } from '@accounts/contracts';
import { invalid } from '@accounts/event-sourcing';

/** Any subset of email, sms, authenticator; returned without duplicates in the order of SecondFactors. */
export function parseSecondFactors(raw: unknown): readonly SecondFactor[] {
  const known = SecondFactors as readonly unknown[];
  if (!Array.isArray(raw) || raw.some((factor) => !known.includes(factor))) {
    throw invalid(
      'allowedSecondFactors',
      'PROFILE-second-factors-invalid',
      `allowedSecondFactors must be a list made of ${SecondFactors.join(', ')}`,
    );
  }
  return SecondFactors.filter((factor) => raw.includes(factor));
}

export function sameSecondFactors(a: readonly SecondFactor[], b: readonly SecondFactor[]): boolean {
  return a.length === b.length && a.every((factor, i) => factor === b[i]);
}
