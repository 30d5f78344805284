import { invisibleFormattingIn } from '@accounts/event-sourcing';
import { invalid } from '@accounts/event-sourcing';

const MAX_LENGTH = 200;

export function parseOrganizationName(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length === 0 || value.length > MAX_LENGTH) {
    throw invalid('name', 'PROFILE-org-name-invalid', `name must be 1 to ${MAX_LENGTH} characters`);
  }
  const invisible = invisibleFormattingIn(value);
  if (invisible) {
    throw invalid(
      'name',
      'PROFILE-org-name-invalid',
      `name must not contain line breaks or invisible formatting characters (found ${invisible})`,
    );
  }
  return value;
}
