import { CommandRunner } from '@accounts/event-sourcing';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hasSecondFactor, RecoveryCodePolicy } from '../../domain';
import type { AccountFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { newRecoveryCode, recoveryCodeSha256 } from './recovery-code';

type Owner = Pick<AccountFacts, 'accountId' | 'orgId'>;

/** Recovery codes: shown once when made, stored only as hashes (RecoveryCodesGenerated). */
@Injectable()
export class RecoveryCodeSets {
  constructor(
    private readonly auth: AuthStore,
    private readonly runner: CommandRunner,
  ) {}

  /** A new set; the previous one stops working. `recentSignIn` false is refused (403) by the domain. */
  async generate(
    owner: Owner,
    recentSignIn: boolean,
  ): Promise<{ codes: string[]; remaining: number }> {
    const codes = Array.from({ length: RecoveryCodePolicy.count }, newRecoveryCode);
    await this.runner.run(
      ownAuthenticator(owner, {
        type: 'GenerateRecoveryCodes',
        data: {
          accountId: owner.accountId,
          setId: randomUUID(),
          codeSha256s: codes.map(recoveryCodeSha256),
          recentSignIn,
        },
      }),
    );
    return { codes, remaining: codes.length };
  }

  /** Right after a second factor was set up: the first set, if the account has none yet. */
  async firstSet(owner: Owner): Promise<string[] | undefined> {
    const state = await this.auth.authenticator(owner.accountId);
    if (!hasSecondFactor(state) || state.recoveryCodes) return undefined;
    return (await this.generate(owner, true)).codes;
  }
}
