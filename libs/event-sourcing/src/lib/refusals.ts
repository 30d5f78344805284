import { DomainError } from './domain-error';

/** A 400 that names the field, so the caller knows what to fix. */
export function invalid(field: string, code: string, message: string): DomainError {
  return new DomainError('invalid', code, message, { field });
}

/** A 404; another owner's thing and a missing one get the same answer, so existence never leaks. */
export function notFound(code: string, message: string): DomainError {
  return new DomainError('not_found', code, message);
}
