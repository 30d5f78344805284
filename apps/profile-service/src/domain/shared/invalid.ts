import { DomainError } from '@accounts/event-sourcing';

/** A 400 that names the field, so the caller knows what to fix. */
export function invalid(
  field: string,
  code: string,
  message: string,
): DomainError {
  return new DomainError('invalid', code, message, { field });
}
