import { invalid } from '@accounts/event-sourcing';

const USER_NAME = /^[A-Za-z0-9]{1,64}$/;

/** Letters and digits only, 1–64 characters; the spelling is kept, uniqueness ignores case. */
export function parseUserName(raw: unknown): string {
  if (typeof raw !== 'string' || !USER_NAME.test(raw)) {
    throw invalid(
      'userName',
      'PROFILE-user-name-invalid',
      'userName must be 1 to 64 letters or digits, with no spaces or symbols',
    );
  }
  return raw;
}

/** Same name for uniqueness purposes. */
export function sameUserName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
