import { DomainError } from '@accounts/event-sourcing';

/** Where the next page starts: after this (lower-case user name, account id). */
export interface DirectoryCursor {
  readonly after: string;
  readonly id: string;
}

/** Opaque to callers: base64url of a small JSON array. */
export function encodeCursor(cursor: DirectoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): DirectoryCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((part) => typeof part === 'string')
    ) {
      return { after: value[0], id: value[1] };
    }
  } catch {
    // not JSON: refused below
  }
  throw new DomainError(
    'invalid',
    'PROFILE-cursor-invalid',
    'cursor must be a nextCursor value from a previous page',
    {
      field: 'cursor',
    },
  );
}
