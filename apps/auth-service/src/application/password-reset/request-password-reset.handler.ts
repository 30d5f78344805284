import { CommandRunner } from '@accounts/event-sourcing';
import { currentRequestContext, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthConfig } from '../../config';
import { type AccountFacts, ProfileFacts } from '../../projections/profile-facts.queries';
import { ownAuthenticator } from '../shared/auth-runs';
import { LinkTokens } from '../shared/link-tokens';
import { sha256 } from '../shared/secrets';
import { PasswordResetThrottles } from './password-reset-throttles';
import { RequestPasswordResetCommand, type ResetRequester } from './request-password-reset.command';

/**
 * The request answers the same 202, after the same time, whether or not an account matched; the email
 * itself is sent by the notices reactor from PasswordResetRequested.
 */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  private readonly logger = new Logger('PasswordReset');

  constructor(
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly links: LinkTokens,
    private readonly throttles: PasswordResetThrottles,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  async execute({ who }: RequestPasswordResetCommand): Promise<void> {
    const now = this.runner.now();
    // The client address from the request context, where the CommandRunner takes the metadata's.
    const ip = currentRequestContext()?.ip;
    this.throttles.takeRequest(ip, now);
    // The answer comes after exactly PASSWORD_RESET_ANSWER_MS whether an account matched or not, even
    // when the store is slow: the work runs beside the wait and, if it takes longer, finishes after it.
    const answer = sleep(this.config.PASSWORD_RESET_ANSWER_MS);
    // issueFor never rejects: a failure is logged, the answer stays the same.
    void this.issueFor(who, now);
    await answer;
  }

  private async issueFor(who: ResetRequester, now: Date): Promise<void> {
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
        data: { accountId: account.accountId, resetId, tokenSha256: sha256(token) },
      }),
      now,
    });
  }
}
