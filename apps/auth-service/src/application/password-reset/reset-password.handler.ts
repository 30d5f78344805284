import { CommandRunner } from '@accounts/event-sourcing';
import { currentRequestContext } from '@accounts/service-kit';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authenticatorDecider, resetLinkInvalid, type ResetPassword } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { ReadModels } from '../../projections/read-models';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { LinkTokens } from '../shared/link-tokens';
import { isCommonPassword, PasswordHasher } from '../shared/passwords';
import { sha256 } from '../shared/secrets';
import { SessionEnding } from '../sessions/session-ending';
import { PasswordResetThrottles } from './password-reset-throttles';
import { ResetPasswordCommand } from './reset-password.command';

/** A link works once, for 30 minutes, on an enabled account; the new password ends every session. */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly readModels: ReadModels,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionEnding,
    private readonly throttles: PasswordResetThrottles,
  ) {}

  async execute({
    confirmation,
  }: ResetPasswordCommand): Promise<{ reset: true; endedSessions: number }> {
    const now = this.runner.now();
    // The client address from the request context, where the CommandRunner takes the metadata's.
    const ip = currentRequestContext()?.ip;
    this.throttles.takeConfirm(ip, now);
    const accountId = LinkTokens.accountOf(confirmation.token);
    if (!accountId) throw resetLinkInvalid();
    this.throttles.takeConfirmOn(accountId, now);
    const account = this.profiles.byId(accountId);
    if (!account || !account.enabled) throw resetLinkInvalid();
    const command = (newPasswordHash: string): ResetPassword => ({
      type: 'ResetPassword',
      data: {
        accountId,
        presentedTokenSha256: sha256(confirmation.token),
        newPassword: confirmation.newPassword,
        repeatPassword: confirmation.repeatPassword,
        newPasswordHash,
        passwordPolicy: { userName: account.userName, isCommonPassword },
      },
    });
    // Decide before hashing: a refused reset costs no argon2 work.
    authenticatorDecider.decide(
      command('not-hashed-yet'),
      await this.auth.authenticator(accountId),
      {
        now,
      },
    );
    const result = await this.runner.run({
      ...ownAuthenticator(account, command(await this.hasher.hash(confirmation.newPassword))),
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
