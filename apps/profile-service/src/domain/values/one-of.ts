import { invalid } from '@accounts/event-sourcing';

/** One of a fixed list of names (an enum in the contracts), refused with the list in the message. */
export function parseOneOf<Name extends string>(
  names: readonly Name[],
  raw: unknown,
  field: string,
  code: string,
): Name {
  if (typeof raw === 'string' && (names as readonly string[]).includes(raw)) {
    return raw as Name;
  }
  throw invalid(field, code, `${field} must be one of ${names.join(', ')}`);
}
