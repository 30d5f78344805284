import type { Message } from '@accounts/event-sourcing';

/** Commands of a `session-<sessionId>` stream. Refresh tokens are generated and hashed by the handler. */
interface OfSession {
  readonly sessionId: string;
}

/** After SignInCompleted: the session named there starts. */
export type StartSession = Message<
  'StartSession',
  OfSession & {
    readonly accountId: string;
    readonly orgId: string;
    readonly signinId: string;
    readonly refreshTokenSha256: string;
    readonly amr: readonly string[];
    readonly ip: string | null;
    readonly userAgent: string | null;
    /** The account's session timeout in seconds (sessionTimeoutSeconds), null for `never`. */
    readonly idleTimeoutSeconds: number | null;
    /** Defaults to 30 days. */
    readonly absoluteLifetimeSeconds?: number;
  }
>;

/**
 * A refresh token's hash as the session's stream recorded it: by SessionStarted (number 0) or by the
 * SessionRefreshed at revision `number`. What the handler read for a presented token that is not the
 * current one, so the domain can tell a token rotated out (reuse) from one never issued.
 */
export interface RecordedRefreshToken {
  readonly number: number;
  readonly refreshTokenSha256: string;
}

/** POST /auth/refresh. */
export type RefreshSession = Message<
  'RefreshSession',
  OfSession & {
    readonly presentedRefreshTokenSha256: string;
    /** The number the presented token carries; null for one of the earlier `<sessionId>.<secret>` form. */
    readonly presentedRefreshTokenNumber: number | null;
    /** The recorded token the presented one may be, or null when none was read (the hot path). */
    readonly recorded: RecordedRefreshToken | null;
    readonly newRefreshTokenSha256: string;
    /** The number the new token carries: the current one's plus one. */
    readonly newRefreshTokenNumber: number;
    /** The account's CURRENT session timeout: a changed setting applies to existing sessions. */
    readonly idleTimeoutSeconds: number | null;
    readonly accountEnabled: boolean;
  }
>;

export type SessionEndRequest =
  | 'logout'
  | 'revoked'
  | 'account-disabled'
  | 'password-changed'
  | 'password-reset';

/** Who ends it: the owner (logout, DELETE /auth/me/sessions/:id) or the system (account disabled...). */
export type SessionActor =
  | { readonly kind: 'user'; readonly accountId: string }
  | { readonly kind: 'system' };

export type EndSession = Message<
  'EndSession',
  OfSession & {
    readonly reason: SessionEndRequest;
    readonly actor: SessionActor;
  }
>;

export type SessionCommand = StartSession | RefreshSession | EndSession;
