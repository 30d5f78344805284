import { type DomainError, invalid as invalidField, notFound } from '@accounts/event-sourcing';

/** A 400 that names the field; credentials' messages start with it (`name: ...`). */
export function invalid(field: string, code: string, message: string): DomainError {
  return invalidField(field, code, `${field}: ${message}`);
}

/** Another person's credential and a missing one look the same, so existence never leaks. */
export function credentialNotFound(): DomainError {
  return notFound('CREDENTIALS-credential-not-found', 'API credential not found');
}
