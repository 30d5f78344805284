import { sessionTimeoutSeconds } from '@accounts/contracts';
import { CommandRunner, DomainError } from '@accounts/event-sourcing';
import { TOKEN_ISSUER, type TokenIssuer } from '@accounts/security';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { refuse, refusalOf, type Session, sessionDecider, sessionStreamId } from '../domain';
import type { AuthConfig } from '../config';
import { type AccountFacts, ProfileFacts } from '../projections/profile-facts.queries';
import { newOpaqueToken, sha256 } from './secrets';
import { SessionStarts } from './session-starts';

/** What a successful sign-in or refresh answers. */
export interface TokenAnswer {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}

const sessionInvalid = () =>
  refuse(
    'unauthorized',
    'AUTH-refresh-token-invalid',
    'This refresh token is not valid: sign in again',
  );

/** Refresh tokens are `<sessionId>.<secret>`: the id finds the stream, the SHA-256 of the whole is checked. */
const newRefreshToken = (sessionId: string) => `${sessionId}.${newOpaqueToken()}`;

@Injectable()
export class SessionTokens {
  private readonly starts = new SessionStarts();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    @Inject(TOKEN_ISSUER) private readonly issuer: TokenIssuer,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** After SignInCompleted: the session named in it starts, and its first tokens are issued. */
  async start(
    completed: { signinId: string; sessionId: string; amr: readonly string[] },
    account: AccountFacts,
    now: Date,
  ): Promise<TokenAnswer> {
    const refreshToken = newRefreshToken(completed.sessionId);
    const actor = { kind: 'user', accountId: account.accountId } as const;
    const metadata = this.runner.metadata(actor, account.orgId);
    const result = await this.runner.run({
      streamId: sessionStreamId(completed.sessionId),
      decider: sessionDecider,
      command: {
        type: 'StartSession',
        data: {
          sessionId: completed.sessionId,
          accountId: account.accountId,
          orgId: account.orgId,
          signinId: completed.signinId,
          refreshTokenSha256: sha256(refreshToken),
          amr: completed.amr,
          ip: metadata.ip ?? null,
          userAgent: metadata.userAgent ?? null,
          idleTimeoutSeconds: sessionTimeoutSeconds(account.sessionTimeout),
          absoluteLifetimeSeconds: this.config.SESSION_ABSOLUTE_DAYS * 86_400,
        },
      },
      actor,
      orgId: account.orgId,
      now,
    });
    const [first] = result.appended;
    if (first?.type === 'SessionStarted') {
      const { accountId, amr, startedAt } = first.data;
      this.starts.remember(sessionStreamId(completed.sessionId), { accountId, amr, startedAt });
    }
    return this.answer(account, completed.sessionId, completed.amr, now, refreshToken, now);
  }

  /** POST /auth/refresh: rotation; a reused token, idle timeout or disabled account ends the session. */
  async refresh(refreshToken: string, now = this.runner.now()): Promise<TokenAnswer> {
    const sessionId = refreshToken.split('.')[0];
    if (!sessionId || !/^[0-9a-f-]{36}$/.test(sessionId)) throw sessionInvalid();
    const streamId = sessionStreamId(sessionId);
    // No projection is waited for: the answer comes from the session stream and the profile facts.
    const started = await this.starts.of(this.store, streamId);
    if (!started) throw sessionInvalid();
    const account = this.profiles.byId(started.accountId);
    if (!account) throw sessionInvalid();
    const next = newRefreshToken(sessionId);
    const result = await this.runner.run({
      streamId,
      decider: sessionDecider,
      command: {
        type: 'RefreshSession',
        data: {
          sessionId,
          presentedRefreshTokenSha256: sha256(refreshToken),
          newRefreshTokenSha256: sha256(next),
          idleTimeoutSeconds: sessionTimeoutSeconds(account.sessionTimeout),
          accountEnabled: account.enabled,
        },
      },
      actor: { kind: 'user', accountId: account.accountId },
      orgId: account.orgId,
      now,
    });
    const refusal = refusalOf(result.appended);
    if (refusal) throw refusal;
    if (!result.appended.some((e) => e.type === 'SessionRefreshed')) throw sessionInvalid();
    return this.answer(account, sessionId, started.amr, new Date(started.startedAt), next, now);
  }

  /** Ends a session of `accountId` (logout, DELETE /auth/me/sessions/:id, password change). */
  async end(
    sessionId: string,
    accountId: string,
    orgId: string,
    reason: 'logout' | 'revoked' | 'password-changed' | 'password-reset',
  ): Promise<void> {
    const { state } = await this.runner.load(sessionStreamId(sessionId), sessionDecider);
    if (state.status === 'none' || (state as Session).accountId !== accountId)
      throw refuse('not_found', 'AUTH-session-not-found', 'No such session on your account');
    await this.runner.run({
      streamId: sessionStreamId(sessionId),
      decider: sessionDecider,
      command: {
        type: 'EndSession',
        data: { sessionId, reason, actor: { kind: 'user', accountId } },
      },
      actor: { kind: 'user', accountId },
      orgId,
    });
  }

  private async answer(
    account: AccountFacts,
    sessionId: string,
    amr: readonly string[],
    authTime: Date,
    refreshToken: string,
    now: Date,
  ): Promise<TokenAnswer> {
    const { accessToken, expiresIn } = await this.issuer.issue(
      {
        kind: 'user',
        accountId: account.accountId,
        orgId: account.orgId,
        accountType: account.accountType,
        sessionId,
        amr,
        authTime: Math.floor(authTime.getTime() / 1000),
      },
      now,
    );
    return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' };
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
