import { CommandRunner } from '@accounts/event-sourcing';
import type { Principal } from '@accounts/security';
import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import {
  type AuthenticatorState,
  hasSecondFactor,
  RecoveryCodePolicy,
  recoveryCodesLeft,
} from '../domain';
import type { AccountFacts } from '../projections/profile-facts.queries';
import { AuthStore } from './auth-store';
import { ownAuthenticator } from './auth-runs';
import { sha256 } from './secrets';

/** No 0/O, 1/I/L: a code is read from paper and typed by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxxx-xxxxx`: 10 characters from 31, about 49 bits, enough against guesses that are limited. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** The form that is hashed: case, spaces and dashes as typed do not matter. */
export const recoveryCodeSha256 = (code: string): string =>
  sha256(code.toLowerCase().replace(/[\s-]/g, ''));

export interface RecoveryCodesStatus {
  readonly remaining: number;
  readonly total: number;
  /** True at 3 or fewer codes left (or none at all while a second factor is in use). */
  readonly warning: boolean;
  readonly generatedAt: string | null;
}

/** Recovery codes: shown once when made, stored only as hashes (RecoveryCodesGenerated). */
@Injectable()
export class RecoveryCodes {
  constructor(
    private readonly store: AuthStore,
    private readonly runner: CommandRunner,
  ) {}

  status(state: AuthenticatorState): RecoveryCodesStatus {
    const remaining = recoveryCodesLeft(state);
    return {
      remaining,
      total: state.recoveryCodes ? RecoveryCodePolicy.count : 0,
      warning: hasSecondFactor(state) && remaining <= RecoveryCodePolicy.warnAt,
      generatedAt: state.recoveryCodes?.generatedAt ?? null,
    };
  }

  /** A new set; the previous one stops working. `recentSignIn` false is refused (403) by the domain. */
  async generate(
    account: Pick<AccountFacts, 'accountId' | 'orgId'>,
    recentSignIn: boolean,
  ): Promise<{ codes: string[]; remaining: number }> {
    const codes = Array.from({ length: RecoveryCodePolicy.count }, newRecoveryCode);
    await this.runner.run(
      ownAuthenticator(account, {
        type: 'GenerateRecoveryCodes',
        data: {
          accountId: account.accountId,
          setId: randomUUID(),
          codeSha256s: codes.map(recoveryCodeSha256),
          recentSignIn,
        },
      }),
    );
    return { codes, remaining: codes.length };
  }

  /** Right after a second factor was set up: the first set, if the account has none yet. */
  async firstSet(
    account: Pick<AccountFacts, 'accountId' | 'orgId'>,
  ): Promise<string[] | undefined> {
    const state = await this.store.authenticator(account.accountId);
    if (!hasSecondFactor(state) || state.recoveryCodes) return undefined;
    return (await this.generate(account, true)).codes;
  }

  /** The caller signed in (password and second factor) at most 15 minutes ago (the token's auth_time). */
  signedInRecently(principal: Principal, now = this.runner.now()): boolean {
    return (
      principal.kind === 'user' &&
      now.getTime() - principal.authTime * 1000 <= RecoveryCodePolicy.recentSignInSeconds * 1000
    );
  }
}
