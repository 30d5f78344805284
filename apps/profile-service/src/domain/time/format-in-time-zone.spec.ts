import { refusal } from '../testing/refusal';
import { formatInTimeZone } from './format-in-time-zone';

describe('formatInTimeZone (profile)', () => {
  it('formats with the shared formatter of libs/contracts', () => {
    expect(formatInTimeZone('2026-01-01T00:00:00Z', 'Europe/Paris')).toBe(
      '2026-01-01T01:00:00+01:00',
    );
  });

  it('refuses an unknown zone or a non-date', () => {
    expect(refusal(() => formatInTimeZone('2026-01-01T00:00:00Z', 'Moon/Base')).code).toBe(
      'PROFILE-time-zone-invalid',
    );
    expect(refusal(() => formatInTimeZone('yesterday', 'UTC'))).toEqual({
      kind: 'invalid',
      code: 'PROFILE-instant-invalid',
      field: 'instant',
    });
  });
});
