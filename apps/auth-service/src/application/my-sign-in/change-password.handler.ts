import { CommandRunner, DomainError } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authenticatorDecider, type ChangePassword } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator, signInGuard } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { isCommonPassword, PasswordHasher } from '../shared/passwords';
import { SessionEnding } from '../sessions/session-ending';
import { ChangePasswordCommand } from './change-password.command';
import { OwnAccount } from '../shared/own-account';

/**
 * A wrong current password is a password guess (a stolen session must not test passwords freely):
 * the sign-in guard and the address budget count it and lock it out alike.
 */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly own: OwnAccount,
    private readonly profiles: ProfileFacts,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionEnding,
    private readonly limits: ClientAddressLimits,
  ) {}

  async execute({ caller, change }: ChangePasswordCommand): Promise<{ endedSessions: number }> {
    const now = this.runner.now();
    const account = this.own.of(caller);
    const { accountId, orgId } = account;
    const actor = { kind: 'user', accountId } as const;
    const address = this.limits.address();
    await passwordAttemptsRefused(async () => {
      this.limits.assertSignInAllowed(address, now);
      await this.runner.run({
        ...signInGuard({ type: 'CheckSignInAllowed', data: { accountId, address } }, actor, orgId),
        now,
      });
    });
    const state = await this.auth.authenticator(accountId);
    const command = (newPasswordHash: string): ChangePassword => ({
      type: 'ChangePassword',
      data: {
        accountId,
        ...change,
        currentPasswordVerified,
        newPasswordHash,
        passwordPolicy: { userName: account.userName, isCommonPassword },
      },
    });
    const currentPasswordVerified = await this.hasher.verify(
      state.passwordHash,
      change.currentPassword,
    );
    if (!currentPasswordVerified) {
      const failure = { accountId, signinId: null, factor: 'password' as const, address };
      await this.runner.run({
        ...signInGuard({ type: 'RecordSignInFailure', data: failure }, actor, orgId),
        now,
      });
      this.limits.signInFailed(address, now);
    }
    // Decide before hashing: a refused change costs no second argon2 run.
    authenticatorDecider.decide(command('not-hashed-yet'), state, { now });
    await this.runner.run({
      ...ownAuthenticator(account, command(await this.hasher.hash(change.newPassword))),
      now,
    });
    let endedSessions = 0;
    if (change.endOtherSessions) {
      for (const session of this.profiles.activeSessions(accountId)) {
        if (session.session_id === caller.sessionId) continue;
        await this.sessions.end(session.session_id, accountId, orgId, 'password-changed');
        endedSessions++;
      }
    }
    // The owner is told by the notices reactor (PasswordChanged), not from this request.
    return { endedSessions };
  }
}

/** The guard's 429 in words that fit a password change rather than a sign-in. */
async function passwordAttemptsRefused(check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'too_many_attempts') throw error;
    throw new DomainError(
      'too_many_attempts',
      'AUTH-password-attempts',
      'Too many wrong passwords: try again later',
      error.details,
    );
  }
}
