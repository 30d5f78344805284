import type { AuthenticationEventOf as EventOf } from './event-shape';

/**
 * Stream `session-<sessionId>`: one signed-in session. Refresh tokens are only known as hashes;
 * every refresh rotates them, and the rotated hashes stay known to detect a reused token.
 */
interface OfSession {
  readonly sessionId: string;
  readonly accountId: string;
}

export interface SessionStartedData extends OfSession {
  readonly orgId: string;
  readonly signinId: string;
  readonly refreshTokenSha256: string;
  readonly amr: readonly string[];
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The account's idle timeout at start; null for `never`. */
  readonly idleTimeoutSeconds: number | null;
  readonly startedAt: string;
  /** However active, the session ends then (configurable, 30 days by default). */
  readonly absoluteExpiresAt: string;
}
export interface SessionRefreshedData extends OfSession {
  /** Hash of the new refresh token; the presented one is rotated out. */
  readonly refreshTokenSha256: string;
  readonly refreshedAt: string;
  /** The idle timeout in force at this refresh (the account's current setting); null for `never`. */
  readonly idleTimeoutSeconds: number | null;
}
export type SessionEndReason =
  | 'logout'
  | 'revoked'
  | 'idle-timeout'
  | 'absolute-limit'
  | 'refresh-token-reused'
  | 'account-disabled'
  | 'password-changed'
  | 'password-reset';
export interface SessionEndedData extends OfSession {
  readonly reason: SessionEndReason;
  readonly endedAt: string;
}

export type SessionStarted = EventOf<'SessionStarted', SessionStartedData>;
export type SessionRefreshed = EventOf<'SessionRefreshed', SessionRefreshedData>;
export type SessionEnded = EventOf<'SessionEnded', SessionEndedData>;

export type SessionEvent = SessionStarted | SessionRefreshed | SessionEnded;
