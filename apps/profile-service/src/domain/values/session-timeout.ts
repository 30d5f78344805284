import { SessionTimeout, SessionTimeouts } from '@accounts/contracts';
import { parseOneOf } from './one-of';

export const parseSessionTimeout = (raw: unknown): SessionTimeout =>
  parseOneOf(SessionTimeouts, raw, 'sessionTimeout', 'PROFILE-session-timeout-invalid');
