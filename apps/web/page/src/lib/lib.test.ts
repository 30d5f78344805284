import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorOf, messageOf } from '../api/api-error';
import { timeoutMs } from './choices';
import { passwordStrength } from './password-strength';
import { filterTimeZones, formatTime } from './time';

describe("times in the person's zone", () => {
  it('shows one instant in Paris and in New York, with the zone named', () => {
    const at = '2026-07-01T12:00:00Z';
    expect(formatTime(at, 'Europe/Paris', 'en-GB')).toMatch(/14:00.*(CEST|GMT\+2)/);
    expect(formatTime(at, 'America/New_York', 'en-GB')).toMatch(/08:00.*(EDT|GMT-4)/);
  });
  it('a missing or broken time is a dash, an unknown zone falls back to UTC', () => {
    expect(formatTime(null, 'UTC')).toBe('—');
    expect(formatTime('not a date', 'UTC')).toBe('—');
    expect(formatTime('2026-07-01T12:00:00Z', 'Mars/Olympus', 'en-GB')).toMatch(/12:00.*UTC/);
  });
  it('finds zones by city words, whatever the case and underscores', () => {
    const zones = ['America/New_York', 'Europe/Paris', 'UTC', 'America/Los_Angeles'];
    expect(filterTimeZones(zones, 'new york')).toEqual(['America/New_York']);
    expect(filterTimeZones(zones, 'PARIS')).toEqual(['Europe/Paris']);
    expect(filterTimeZones(zones, 'america')).toEqual(['America/New_York', 'America/Los_Angeles']);
  });
});

describe('password strength hint', () => {
  it('calls short passwords too weak whatever their variety, long passphrases strong', () => {
    expect(passwordStrength('').label).toBe('');
    expect(passwordStrength('Ab1!').score).toBeLessThanOrEqual(1);
    expect(passwordStrength('correct horse battery staple 42').score).toBeGreaterThanOrEqual(3);
  });
});

describe('session timeout', () => {
  it('maps the seven choices, 30 minutes by default and never as no limit', () => {
    expect(timeoutMs('15m')).toBe(900_000);
    expect(timeoutMs(undefined)).toBe(1_800_000);
    expect(timeoutMs('never')).toBe(Infinity);
  });
});

describe('API errors', () => {
  it('reads the field, the code and Retry-After, and says how long to wait', async () => {
    const response = new Response(
      JSON.stringify({
        statusCode: 429,
        message: 'Too many',
        code: 'AUTH-locked',
        details: { field: 'password' },
      }),
      {
        status: 429,
        headers: { 'Retry-After': '42' },
      },
    );
    const error = await apiErrorOf(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.field).toBe('password');
    expect(error.retryAfterSeconds).toBe(42);
    expect(messageOf(error)).toBe('Too many attempts. Try again in 42 s.');
  });
  it('knows a step-up challenge (sign in again) from a plain expired token', async () => {
    const stepUp = await apiErrorOf(
      new Response('{}', {
        status: 401,
        headers: {
          'WWW-Authenticate': 'Bearer error="insufficient_user_authentication"',
        },
      }),
    );
    const expired = await apiErrorOf(new Response('{"message":"expired"}', { status: 401 }));
    expect(stepUp.needsRecentSignIn).toBe(true);
    expect(expired.needsRecentSignIn).toBe(false);
    expect(messageOf(new TypeError('fetch failed'))).toMatch(/cannot be reached/);
  });
});
