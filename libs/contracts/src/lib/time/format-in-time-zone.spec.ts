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

  describe('the offset looked up once per hour gives what formatting each instant gives', () => {
    // The former computation, instant by instant, as the oracle.
    const oracle = (millis: number, zone: string): string => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).formatToParts(new Date(millis));
      const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const ms = ((millis % 1000) + 1000) % 1000;
      const wall = Date.UTC(
        n('year'),
        n('month') - 1,
        n('day'),
        n('hour'),
        n('minute'),
        n('second'),
        ms,
      );
      const offset = Math.round((wall - millis) / 60_000);
      const pad = (v: number, w = 2) => String(Math.abs(v)).padStart(w, '0');
      return `${pad(n('year'), 4)}-${pad(n('month'))}-${pad(n('day'))}T${pad(n('hour'))}:${pad(n('minute'))}:${pad(n('second'))}${ms ? `.${pad(ms, 3)}` : ''}${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
    };

    it.each([
      // A spring and an autumn change, each side of the hour they happen in.
      ['Europe/Paris', '2026-03-29T00:00:00Z'],
      ['Europe/Paris', '2026-10-25T00:00:00Z'],
      ['America/New_York', '2026-03-08T05:00:00Z'],
      ['America/New_York', '2026-11-01T04:00:00Z'],
      // Half-hour daylight saving time, changing at half past an hour in UTC.
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T14:00:00Z'],
      ['Asia/Kathmandu', '2026-01-01T00:00:00Z'],
      // An offset of minutes and seconds (-0:44:30) until 1972-01-07: never cached.
      ['Africa/Monrovia', '1972-01-06T23:00:00Z'],
      ['UTC', '2026-01-01T00:00:00Z'],
    ])('%s around %s, every 7 minutes 13.5 seconds for 4 hours', (zone, from) => {
      const start = Date.parse(from) - 2 * 3_600_000;
      for (let millis = start; millis < start + 4 * 3_600_000; millis += 433_500) {
        expect(formatInTimeZone(new Date(millis), zone)).toBe(oracle(millis, zone));
        // Twice: the second call is answered from the hour's offset when it was kept.
        expect(formatInTimeZone(new Date(millis), zone)).toBe(oracle(millis, zone));
      }
    });

    it('before 1970 each instant is formatted from its own parts', () => {
      const millis = Date.parse('1900-06-01T12:00:00.250Z');
      expect(formatInTimeZone(new Date(millis), 'Europe/Paris')).toBe(
        oracle(millis, 'Europe/Paris'),
      );
    });
  });
});
