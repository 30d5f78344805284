import type { ValidationError } from 'class-validator';

/** The errors of one input field; nested properties are dotted paths (`address.city`, `items.0.name`). */
export interface FieldErrors {
  readonly field: string;
  readonly errors: readonly string[];
}

/** Flattens class-validator's tree into one entry per field that has messages. */
export function toFieldErrors(errors: readonly ValidationError[], parentPath = ''): FieldErrors[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      withoutFieldName(message, error.property),
    );
    const nested = toFieldErrors(error.children ?? [], field);
    return own.length > 0 ? [{ field, errors: own }, ...nested] : nested;
  });
}

/**
 * class-validator's default messages start with the property name ("userName must be a string",
 * "property foo should not exist"); the field is already named, so the prefix goes.
 */
function withoutFieldName(message: string, property: string): string {
  for (const prefix of [`${property} `, `property ${property} `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
