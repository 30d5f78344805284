import { asksEveryTime, AuthenticationMethods, secondFactorOf } from './authentication-methods';
import {
  isProfileEventType,
  ProfileEventSchemaVersions,
  ProfileEventTypes,
} from './profile-event-types';
import { DefaultSessionTimeout, sessionTimeoutSeconds, SessionTimeouts } from './session-timeouts';

describe('profile contracts', () => {
  it('gives session timeouts in seconds, never as null, 30 minutes by default', () => {
    expect(SessionTimeouts).toEqual(['15m', '30m', '1h', '2h', '4h', '8h', 'never']);
    expect(sessionTimeoutSeconds('15m')).toBe(900);
    expect(sessionTimeoutSeconds('8h')).toBe(28800);
    expect(sessionTimeoutSeconds('never')).toBeNull();
    expect(DefaultSessionTimeout).toBe('30m');
  });

  it('names seven authentication methods and the second factor each uses', () => {
    expect(AuthenticationMethods).toHaveLength(7);
    expect(secondFactorOf('password')).toBeNull();
    expect(secondFactorOf('sms')).toBe('sms');
    expect(secondFactorOf('authenticator-every-time')).toBe('authenticator');
    expect(asksEveryTime('email-every-time')).toBe(true);
    expect(asksEveryTime('email')).toBe(false);
  });

  it('has a schema version for every event type', () => {
    expect(Object.keys(ProfileEventSchemaVersions).sort()).toEqual(
      Object.keys(ProfileEventTypes).sort(),
    );
    expect(isProfileEventType('AccountEmailChanged')).toBe(true);
    expect(isProfileEventType('toString')).toBe(false);
  });
});
