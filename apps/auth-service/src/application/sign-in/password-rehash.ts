import { CommandRunner } from '@accounts/event-sourcing';
import { Injectable } from '@nestjs/common';
import {
  type AuthenticatorState,
  authenticatorDecider,
  authenticatorStreamId,
  passwordNeedsRehash,
} from '../../domain';
import type { AccountFacts } from '../../projections/profile-facts.queries';
import { PasswordHasher } from '../shared/passwords';

/** After a correct password: its hash is redone when the configured argon2 parameters changed. */
@Injectable()
export class PasswordRehash {
  constructor(
    private readonly runner: CommandRunner,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Best effort: a failed rehash must not fail a correct sign-in. */
  async ifNeeded(
    authenticator: AuthenticatorState,
    password: string,
    account: AccountFacts,
    now: Date,
  ): Promise<void> {
    const stored = authenticator.passwordHash;
    if (!stored || !passwordNeedsRehash(stored, this.hasher.parameters)) return;
    try {
      await this.runner.run({
        streamId: authenticatorStreamId(account.accountId),
        decider: authenticatorDecider,
        command: {
          type: 'RehashPassword',
          data: {
            accountId: account.accountId,
            passwordVerified: true,
            verifiedPasswordHash: stored,
            passwordHash: await this.hasher.hash(password),
            configured: this.hasher.parameters,
          },
        },
        actor: { kind: 'system' },
        orgId: account.orgId,
        now,
      });
    } catch {
      // The next sign-in tries again.
    }
  }
}
