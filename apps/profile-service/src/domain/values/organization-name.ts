import { invalid } from '../shared/invalid';

const MAX_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function parseOrganizationName(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (
    value.length === 0 ||
    value.length > MAX_LENGTH ||
    CONTROL_CHARACTERS.test(value)
  ) {
    throw invalid(
      'name',
      'PROFILE-org-name-invalid',
      `name must be 1 to ${MAX_LENGTH} characters, without line breaks`,
    );
  }
  return value;
}
