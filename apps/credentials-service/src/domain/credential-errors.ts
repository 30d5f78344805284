import { DomainError } from '@accounts/event-sourcing';

/** A 400 that names the field, so the caller knows what to fix. */
export function invalid(field: string, code: string, message: string): DomainError {
  return new DomainError('invalid', code, `${field}: ${message}`, { field });
}

/** Another person's credential and a missing one look the same, so existence never leaks. */
export function credentialNotFound(): DomainError {
  return new DomainError('not_found', 'CREDENTIALS-credential-not-found', 'API credential not found');
}
