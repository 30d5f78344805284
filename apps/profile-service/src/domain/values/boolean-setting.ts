import { invalid } from '@accounts/event-sourcing';

export function parseBooleanSetting(raw: unknown, field: string): boolean {
  if (typeof raw === 'boolean') return raw;
  throw invalid(field, 'PROFILE-setting-invalid', `${field} must be true or false`);
}
