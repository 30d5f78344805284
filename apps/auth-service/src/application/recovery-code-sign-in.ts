import type { SignInCompletedData } from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  answerableChallenge,
  refuse,
  refusalOf,
  signInDecider,
  signInFailed,
  signInStreamId,
} from '../domain';
import { ProfileFacts } from '../projections/profile-facts.queries';
import { AuthStore, metadataOf } from './auth-store';
import { recoveryCodeSha256 } from './recovery-codes.service';
import { isEnrollmentChallenge } from './sign-in-enrollment';
import { SignInService } from './sign-in.service';
import type { TokenAnswer } from './session-tokens';

/**
 * POST /auth/login/:challengeId { recoveryCode }: a recovery code instead of the second factor. A
 * wrong one counts on the challenge (5 per sign-in) and on the account's sign-in guard (lockout),
 * like a wrong code; a right one is used up and the owner is told (notices reactor).
 */
@Injectable()
export class RecoveryCodeSignIn {
  constructor(
    private readonly store: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly signIn: SignInService,
  ) {}

  async answer(
    challengeId: string,
    recoveryCode: string,
    now = new Date(),
  ): Promise<
    TokenAnswer & { trustedDeviceToken?: string; recoveryCodesLeft: number }
  > {
    const streamId = signInStreamId(challengeId);
    const { state } = await this.store.load(streamId, signInDecider);
    if (isEnrollmentChallenge(state))
      throw refuse(
        'conflict',
        'AUTH-recovery-code-not-for-enrollment',
        'This sign-in sets up a second factor: a recovery code cannot replace that',
      );
    const flow = answerableChallenge(state, now);
    const account = this.profiles.byId(flow.accountId);
    if (!account) throw signInFailed();
    const { accountId } = account;
    const metadata = metadataOf({ kind: 'user', accountId }, account.orgId);
    await this.store.guard(
      { type: 'CheckSignInAllowed', data: { accountId } },
      metadata,
      now,
    );
    const used = await this.store.runAuthenticator(
      account,
      {
        type: 'UseRecoveryCode',
        data: {
          accountId,
          signinId: challengeId,
          codeSha256: recoveryCodeSha256(recoveryCode),
        },
      },
      now,
    );
    const usedCode = used.appended.find((e) => e.type === 'RecoveryCodeUsed')
      ?.data as { remaining: number } | undefined;
    const result = await this.store.run(
      streamId,
      signInDecider,
      {
        type: 'AnswerChallenge',
        data: {
          signinId: challengeId,
          sessionId: randomUUID(),
          newTrustedDeviceId: randomUUID(),
          answer: {
            kind: 'recovery-code',
            verdict: usedCode ? 'accepted' : 'wrong',
          },
          accountEnabled: account.enabled,
        },
      },
      metadata,
      now,
    );
    let guardEvents: RecordedEvent[] = [];
    if (!usedCode)
      guardEvents = await this.store.guard(
        {
          type: 'RecordSignInFailure',
          data: { accountId, signinId: challengeId, factor: 'recovery-code' },
        },
        metadata,
        now,
      );
    const refusal = refusalOf([...result.appended, ...guardEvents] as never);
    if (refusal) throw refusal;
    const completed = result.appended.find((e) => e.type === 'SignInCompleted')
      ?.data as SignInCompletedData | undefined;
    if (!completed || !usedCode)
      throw new Error('AnswerChallenge neither refused nor completed');
    return {
      ...(await this.signIn.finish(completed, account, now)),
      recoveryCodesLeft: usedCode.remaining,
    };
  }
}
