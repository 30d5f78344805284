import { invisibleFormattingIn } from '@accounts/event-sourcing';
import { invalid } from '../credential-errors';

export const MAX_CREDENTIAL_NAME_LENGTH = 100;

/** A label the owner chooses ("CI pipeline"); blank means no name. */
export function parseCredentialName(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const name = raw.trim();
  if (name === '') return null;
  if (name.length > MAX_CREDENTIAL_NAME_LENGTH) {
    throw invalid(
      'name',
      'CREDENTIALS-name-invalid',
      `must be at most ${MAX_CREDENTIAL_NAME_LENGTH} characters`,
    );
  }
  const invisible = invisibleFormattingIn(name);
  if (invisible) {
    throw invalid(
      'name',
      'CREDENTIALS-name-invalid',
      `must not contain control or invisible formatting characters (found ${invisible})`,
    );
  }
  return name;
}
