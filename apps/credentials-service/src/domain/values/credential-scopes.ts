import {
  AdministratorScopes,
  ApiScopes,
  DefaultCredentialScopes,
  isApiScope,
  type ApiScope,
} from '@accounts/contracts';
import { DomainError } from '@accounts/event-sourcing';
import { invalid } from '../credential-errors';

/**
 * The scopes chosen at generation, deduplicated in canonical order; none chosen: profile:read.
 * Administrator scopes only on an administrator's credential.
 */
export function parseCredentialScopes(
  raw: readonly unknown[] | null | undefined,
  ownerAccountType: string,
): ApiScope[] {
  if (raw === undefined || raw === null) return [...DefaultCredentialScopes];
  if (!Array.isArray(raw) || raw.length === 0) {
    throw invalid(
      'scopes',
      'CREDENTIALS-scopes-invalid',
      `must list at least one of ${ApiScopes.join(', ')}`,
    );
  }
  const unknown = raw.find((s) => !isApiScope(s));
  if (unknown !== undefined) {
    throw invalid(
      'scopes',
      'CREDENTIALS-scopes-invalid',
      `${JSON.stringify(unknown)} is not a scope; choose from ${ApiScopes.join(', ')}`,
    );
  }
  const chosen = ApiScopes.filter((s) => raw.includes(s));
  const reserved = chosen.find((s) => AdministratorScopes.includes(s));
  if (reserved && ownerAccountType !== 'administrator') {
    throw new DomainError(
      'forbidden',
      'CREDENTIALS-scope-not-allowed',
      `Only an administrator's credential can hold ${reserved}`,
      {
        field: 'scopes',
        scope: reserved,
      },
    );
  }
  return chosen;
}
