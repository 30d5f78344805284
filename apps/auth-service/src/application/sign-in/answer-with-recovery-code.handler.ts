import type { AuthenticationEvent } from '@accounts/contracts';
import { CommandRunner, DomainError, firstEventOf } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  answerableChallenge,
  refusalOf,
  signInDecider,
  signInFailed,
  signInStreamId,
} from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { answerChallenge, ownAuthenticator, signInGuard } from '../shared/auth-runs';
import { recoveryCodeSha256 } from '../recovery-codes/recovery-code';
import { isEnrollmentChallenge } from './sign-in-enrollment';
import { AnswerWithRecoveryCodeCommand } from './answer-with-recovery-code.command';
import type { SignInTokens } from './sign-in-answers';
import { SignInCompletion } from './sign-in-completion';

/**
 * A wrong recovery code counts on the challenge (5 per sign-in) and on the account's sign-in guard
 * (lockout), like a wrong code; a right one is used up and the owner is told (notices reactor).
 */
@CommandHandler(AnswerWithRecoveryCodeCommand)
export class AnswerWithRecoveryCodeHandler
  implements ICommandHandler<AnswerWithRecoveryCodeCommand>
{
  constructor(
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly completion: SignInCompletion,
  ) {}

  async execute({
    challengeId,
    recoveryCode,
  }: AnswerWithRecoveryCodeCommand): Promise<SignInTokens & { recoveryCodesLeft: number }> {
    const now = this.runner.now();
    const streamId = signInStreamId(challengeId);
    const { state } = await this.runner.load(streamId, signInDecider);
    if (isEnrollmentChallenge(state))
      throw new DomainError(
        'conflict',
        'AUTH-recovery-code-not-for-enrollment',
        'This sign-in sets up a second factor: a recovery code cannot replace that',
      );
    const flow = answerableChallenge(state, now);
    const account = this.profiles.byId(flow.accountId);
    if (!account) throw signInFailed();
    const { accountId, orgId } = account;
    const actor = { kind: 'user', accountId } as const;
    await this.runner.run({
      ...signInGuard({ type: 'CheckSignInAllowed', data: { accountId } }, actor, orgId),
      now,
    });
    const used = await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'UseRecoveryCode',
        data: { accountId, signinId: challengeId, codeSha256: recoveryCodeSha256(recoveryCode) },
      }),
      now,
    });
    const usedCode = firstEventOf(used.appended, 'RecoveryCodeUsed')?.data;
    const result = await this.runner.run({
      ...answerChallenge(
        challengeId,
        { kind: 'recovery-code', verdict: usedCode ? 'accepted' : 'wrong' },
        account,
      ),
      now,
    });
    let guardEvents: readonly AuthenticationEvent[] = [];
    if (!usedCode) {
      const failure = { accountId, signinId: challengeId, factor: 'recovery-code' as const };
      guardEvents = (
        await this.runner.run({
          ...signInGuard({ type: 'RecordSignInFailure', data: failure }, actor, orgId),
          now,
        })
      ).appended;
    }
    const refusal = refusalOf([...result.appended, ...guardEvents]);
    if (refusal) throw refusal;
    const completed = firstEventOf(result.appended, 'SignInCompleted')?.data;
    if (!completed || !usedCode) throw new Error('AnswerChallenge neither refused nor completed');
    return {
      ...(await this.completion.finish(completed, account, now)),
      recoveryCodesLeft: usedCode.remaining,
    };
  }
}
