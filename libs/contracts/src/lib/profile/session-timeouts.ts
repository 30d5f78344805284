/**
 * Idle session timeout choices and their length in seconds; `never` is null (no idle limit).
 * auth-service enforces it on refresh.
 */
export const SessionTimeoutSeconds = {
  '15m': 15 * 60,
  '30m': 30 * 60,
  '1h': 60 * 60,
  '2h': 2 * 60 * 60,
  '4h': 4 * 60 * 60,
  '8h': 8 * 60 * 60,
  never: null,
} as const;

export type SessionTimeout = keyof typeof SessionTimeoutSeconds;

/** In display order, shortest first. */
export const SessionTimeouts = Object.keys(SessionTimeoutSeconds) as readonly SessionTimeout[];

export const DefaultSessionTimeout: SessionTimeout = '30m';

/** Seconds of inactivity after which a session ends, or null for `never`. */
export function sessionTimeoutSeconds(timeout: SessionTimeout): number | null {
  return SessionTimeoutSeconds[timeout];
}

/** The choice of a length in seconds (null: `never`), as public events give it; undefined for a length that is no choice. */
export function sessionTimeoutOfSeconds(seconds: number | null): SessionTimeout | undefined {
  return SessionTimeouts.find((timeout) => SessionTimeoutSeconds[timeout] === seconds);
}
