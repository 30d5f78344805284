import { formatInTimeZone, isKnownTimeZone } from './format-in-time-zone';

describe('formatInTimeZone', () => {
  it.each([
    ['2026-01-01T00:00:00Z', 'Europe/Paris', '2026-01-01T01:00:00+01:00'],
    ['2026-07-01T00:00:00Z', 'Europe/Paris', '2026-07-01T02:00:00+02:00'],
    ['2026-01-01T00:00:00Z', 'America/New_York', '2025-12-31T19:00:00-05:00'],
    ['2026-01-01T00:00:00Z', 'Asia/Kolkata', '2026-01-01T05:30:00+05:30'],
    ['2026-01-01T00:00:00Z', 'America/St_Johns', '2025-12-31T20:30:00-03:30'],
    ['2026-01-01T12:34:56.789Z', 'UTC', '2026-01-01T12:34:56.789+00:00'],
    ['2026-01-01T23:30:00Z', 'Asia/Tokyo', '2026-01-02T08:30:00+09:00'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(formatInTimeZone(instant, zone)).toBe(expected);
  });

  it('shows midnight as 00, not 24', () => {
    expect(formatInTimeZone('2026-01-01T23:00:00Z', 'Europe/Paris')).toBe(
      '2026-01-02T00:00:00+01:00',
    );
  });

  it('names the same instant', () => {
    const local = formatInTimeZone('2026-03-29T01:30:00Z', 'Europe/Paris'); // just after the spring change
    expect(local).toBe('2026-03-29T03:30:00+02:00');
    expect(new Date(local).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('accepts a Date', () => {
    expect(formatInTimeZone(new Date('2026-01-01T00:00:00Z'), 'Europe/Paris')).toBe(
      '2026-01-01T01:00:00+01:00',
    );
  });

  it('throws a RangeError for a non-date or an unknown zone, and knows which zones exist', () => {
    expect(() => formatInTimeZone('yesterday', 'UTC')).toThrow(RangeError);
    expect(() => formatInTimeZone('2026-01-01T00:00:00Z', 'Moon/Base')).toThrow(RangeError);
    expect(isKnownTimeZone('Asia/Tokyo')).toBe(true);
    expect(isKnownTimeZone('Moon/Base')).toBe(false);
  });
});
