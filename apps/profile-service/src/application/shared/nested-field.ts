import { DomainError } from '@accounts/event-sourcing';

/** Runs `fn`; a 400 about field `x` comes out about `<parent>.x`, as the request nests it. */
export function asNestedField<T>(parent: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const field =
      error instanceof DomainError && error.kind === 'invalid' ? error.details?.field : undefined;
    if (typeof field !== 'string' || !(error instanceof DomainError)) throw error;
    const path = `${parent}.${field}`;
    const message = error.message.startsWith(field)
      ? `${path}${error.message.slice(field.length)}`
      : error.message;
    throw new DomainError(error.kind, error.code, message, { ...error.details, field: path });
  }
}
