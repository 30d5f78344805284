import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthConfig } from '../config';
import { authenticatorDecider, refuse, resetLinkInvalid, type ResetPassword } from '../domain';
import { type AccountFacts, ProfileFacts } from '../projections/profile-facts.queries';
import { ReadModels } from '../projections/read-models';
import {
  clientAddressKey,
  LIMITER_STORE,
  type LimiterStore,
  SlidingWindowLimiter,
} from '@accounts/security';
import { CommandRunner } from '@accounts/event-sourcing';
import { AuthStore } from './auth-store';
import { ownAuthenticator } from './auth-runs';
import { LinkTokens } from './link-tokens';
import { isCommonPassword, PasswordHasher } from './passwords';
import { sha256 } from './secrets';
import { SessionTokens } from './session-tokens';

// The rolling window of the reset throttles (libs/security SlidingWindowLimiter, seconds).
const THROTTLE_WINDOW_SECONDS = 15 * 60;
const tooMany = (retryAfterSeconds: number) =>
  refuse(
    'too_many_attempts',
    'AUTH-password-reset-throttled',
    'Too many password reset attempts: try again later',
    { retryAfterSeconds },
  );

/**
 * Forgotten passwords. The request answers the same 202, after the same time, whether or not an
 * account matched; the email itself is sent by the notices reactor from PasswordResetRequested.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');
  private readonly requestsPerAddress: SlidingWindowLimiter;
  private readonly confirmsPerAddress: SlidingWindowLimiter;
  private readonly confirmsPerAccount: SlidingWindowLimiter;

  constructor(
    private readonly store: AuthStore,
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly readModels: ReadModels,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly links: LinkTokens,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    // Shared by the service's processes and replicas (this process's memory when not provided).
    @Optional() @Inject(LIMITER_STORE) limiterStore?: LimiterStore,
  ) {
    const shared = (name: string) => (limiterStore ? { store: limiterStore, name } : {});
    this.requestsPerAddress = new SlidingWindowLimiter({
      limit: config.PASSWORD_RESET_REQUESTS_PER_IP,
      windowSeconds: THROTTLE_WINDOW_SECONDS,
      ...shared('auth.reset-requests'),
    });
    this.confirmsPerAddress = new SlidingWindowLimiter({
      limit: config.PASSWORD_RESET_CONFIRMS_PER_IP,
      windowSeconds: THROTTLE_WINDOW_SECONDS,
      ...shared('auth.reset-confirms'),
    });
    this.confirmsPerAccount = new SlidingWindowLimiter({
      limit: 10,
      windowSeconds: THROTTLE_WINDOW_SECONDS,
      ...shared('auth.reset-confirms-per-account'),
    });
  }

  /** POST /auth/password-reset { userName | email }. */
  async request(
    who: { userName?: string; email?: string },
    ip: string | undefined,
    now = this.runner.now(),
  ): Promise<void> {
    const retryAfter = this.requestsPerAddress.take(clientAddressKey(ip), Date.now());
    if (retryAfter) throw tooMany(retryAfter);
    // The answer comes after exactly PASSWORD_RESET_ANSWER_MS whether an account matched or not, even
    // when the store is slow: the work runs beside the wait and, if it takes longer, finishes after it.
    const answer = sleep(this.config.PASSWORD_RESET_ANSWER_MS);
    // issueFor never rejects: a failure is logged, the answer stays the same.
    void this.issueFor(who, now);
    await answer;
  }

  private async issueFor(who: { userName?: string; email?: string }, now: Date): Promise<void> {
    try {
      const accounts =
        who.userName !== undefined
          ? [this.profiles.byUserName(who.userName)]
          : this.profiles.enabledByEmail(who.email ?? '');
      for (const account of accounts) if (account?.enabled) await this.issue(account, now);
    } catch (error) {
      // Never answered differently: the caller must not learn that something exists and failed.
      this.logger.warn({ err: error }, 'A password reset request could not be recorded');
    }
  }

  private async issue(account: AccountFacts, now: Date): Promise<void> {
    const resetId = randomUUID();
    const token = this.links.token('password-reset', account.accountId, resetId);
    await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'RequestPasswordReset',
        data: {
          accountId: account.accountId,
          resetId,
          tokenSha256: sha256(token),
        },
      }),
      now,
    });
  }

  /** POST /auth/password-reset/confirm: the new password, then every session of the account ends. */
  async confirm(
    input: { token: string; newPassword: string; repeatPassword: string },
    ip: string | undefined,
    now = this.runner.now(),
  ) {
    const retryAfter = this.confirmsPerAddress.take(clientAddressKey(ip), Date.now());
    if (retryAfter) throw tooMany(retryAfter);
    const accountId = LinkTokens.accountOf(input.token);
    if (!accountId) throw resetLinkInvalid();
    const accountRetryAfter = this.confirmsPerAccount.take(accountId, Date.now());
    if (accountRetryAfter) throw tooMany(accountRetryAfter);
    const account = this.profiles.byId(accountId);
    if (!account || !account.enabled) throw resetLinkInvalid();
    const command = (newPasswordHash: string): ResetPassword => ({
      type: 'ResetPassword',
      data: {
        accountId,
        presentedTokenSha256: sha256(input.token),
        newPassword: input.newPassword,
        repeatPassword: input.repeatPassword,
        newPasswordHash,
        passwordPolicy: { userName: account.userName, isCommonPassword },
      },
    });
    // Decide before hashing: a refused reset costs no argon2 work.
    authenticatorDecider.decide(
      command('not-hashed-yet'),
      await this.store.authenticator(accountId),
      { now },
    );
    const result = await this.runner.run({
      ...ownAuthenticator(account, command(await this.hasher.hash(input.newPassword))),
      now,
    });
    // Every session started until now must be in the list before it is read.
    await this.readModels.waitFor(result.position);
    let endedSessions = 0;
    for (const session of this.profiles.activeSessions(accountId)) {
      await this.sessions.end(session.session_id, accountId, account.orgId, 'password-reset');
      endedSessions++;
    }
    return { reset: true, endedSessions };
  }
}
