import { invalid } from '../shared/invalid';

const MAX_LENGTH = 100;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function parsePersonName(
  raw: unknown,
  field: 'firstName' | 'lastName',
  code: string,
): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (
    value.length === 0 ||
    value.length > MAX_LENGTH ||
    CONTROL_CHARACTERS.test(value)
  ) {
    throw invalid(
      field,
      code,
      `${field} must be 1 to ${MAX_LENGTH} characters, without line breaks`,
    );
  }
  return value;
}

export const parseFirstName = (raw: unknown): string =>
  parsePersonName(raw, 'firstName', 'PROFILE-first-name-invalid');

export const parseLastName = (raw: unknown): string =>
  parsePersonName(raw, 'lastName', 'PROFILE-last-name-invalid');
