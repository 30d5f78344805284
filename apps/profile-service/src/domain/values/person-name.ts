import { invisibleFormattingIn } from '@accounts/event-sourcing';
import { invalid } from '@accounts/event-sourcing';

const MAX_LENGTH = 100;

function parsePersonName(raw: unknown, field: 'firstName' | 'lastName', code: string): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length === 0 || value.length > MAX_LENGTH) {
    throw invalid(field, code, `${field} must be 1 to ${MAX_LENGTH} characters`);
  }
  const invisible = invisibleFormattingIn(value);
  if (invisible) {
    throw invalid(
      field,
      code,
      `${field} must not contain line breaks or invisible formatting characters (found ${invisible})`,
    );
  }
  return value;
}

export const parseFirstName = (raw: unknown): string =>
  parsePersonName(raw, 'firstName', 'PROFILE-first-name-invalid');

export const parseLastName = (raw: unknown): string =>
  parsePersonName(raw, 'lastName', 'PROFILE-last-name-invalid');
