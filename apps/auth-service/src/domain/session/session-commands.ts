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

/** POST /auth/refresh. */
export type RefreshSession = Message<
  'RefreshSession',
  OfSession & {
    readonly presentedRefreshTokenSha256: string;
    readonly newRefreshTokenSha256: string;
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
