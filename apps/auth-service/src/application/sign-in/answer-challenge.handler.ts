import type { AuthenticationEvent } from '@accounts/contracts';
import { CommandRunner, firstEventOf } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  answerableChallenge,
  type ChallengeAnswer,
  refusalOf,
  signInDecider,
  signInFailed,
  signInStreamId,
  totpVerdictOf,
} from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { answerChallenge, signInGuard } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { RecoveryCodeSets } from '../recovery-codes/recovery-code-sets';
import { SecretBox, sha256 } from '../shared/secrets';
import { isEnrollmentChallenge, SignInEnrollment } from './sign-in-enrollment';
import { checkTotp } from '../shared/totp';
import { AnswerChallengeCommand } from './answer-challenge.command';
import type { SignInTokens } from './sign-in-answers';
import { SignInCompletion } from './sign-in-completion';

/** The second factor: an authenticator code (checked against replay by the guard) or an emailed / texted code. */
@CommandHandler(AnswerChallengeCommand)
export class AnswerChallengeHandler implements ICommandHandler<AnswerChallengeCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly box: SecretBox,
    private readonly limits: ClientAddressLimits,
    private readonly enrollment: SignInEnrollment,
    private readonly recovery: RecoveryCodeSets,
    private readonly completion: SignInCompletion,
  ) {}

  async execute({
    challengeId,
    code,
    enrollmentMethod,
  }: AnswerChallengeCommand): Promise<SignInTokens & { recoveryCodes?: string[] }> {
    const now = this.runner.now();
    const streamId = signInStreamId(challengeId);
    const { state } = await this.runner.load(streamId, signInDecider);
    if (isEnrollmentChallenge(state)) {
      const { completed, account } = await this.enrollment.prove(
        state,
        code,
        enrollmentMethod,
        now,
      );
      const tokens = await this.completion.finish(completed, account, now);
      // The second factor was just set up: its recovery codes, shown this once.
      const recoveryCodes = await this.recovery.firstSet(account);
      return recoveryCodes ? { ...tokens, recoveryCodes } : tokens;
    }
    const flow = answerableChallenge(state, now);
    const account = this.profiles.byId(flow.accountId);
    if (!account) throw signInFailed();
    const { accountId, orgId } = account;
    const actor = { kind: 'user', accountId } as const;
    const address = this.limits.address();
    this.limits.assertCodeAllowed(address, now);
    await this.runner.run({
      ...signInGuard({ type: 'CheckSignInAllowed', data: { accountId, address } }, actor, orgId),
      now,
    });
    const factor = flow.challenge.kind;
    let guardEvents: readonly AuthenticationEvent[] = [];
    let answer: ChallengeAnswer;
    if (factor === 'authenticator') {
      const authenticator = await this.auth.authenticator(accountId);
      const secret = authenticator.totp
        ? this.box.decrypt(authenticator.totp.encryptedSecret)
        : null;
      const totp = secret ? await checkTotp(secret, code, now) : { valid: false, timeStep: 0 };
      const used = await this.runner.run({
        ...signInGuard(
          {
            type: 'UseTotpCode',
            data: {
              accountId,
              signinId: challengeId,
              totpValid: totp.valid,
              timeStep: totp.timeStep,
              address,
            },
          },
          actor,
          orgId,
        ),
        now,
      });
      guardEvents = used.appended;
      // A replayed code is told to the owner by the notices reactor (TotpCodeReplayed).
      answer = { kind: 'totp', verdict: totpVerdictOf(guardEvents) };
    } else {
      answer = { kind: 'code', codeSha256: sha256(code) };
    }
    const result = await this.runner.run({
      ...answerChallenge(challengeId, answer, account),
      now,
    });
    if (factor !== 'authenticator' && firstEventOf(result.appended, 'SignInChallengeCodeFailed')) {
      const failure = {
        accountId,
        signinId: challengeId,
        factor: factor as 'email' | 'sms',
        address,
      };
      guardEvents = (
        await this.runner.run({
          ...signInGuard({ type: 'RecordSignInFailure', data: failure }, actor, orgId),
          now,
        })
      ).appended;
    }
    const refusal = refusalOf([...result.appended, ...guardEvents]);
    if (refusal) {
      this.limits.codeFailed(address, now);
      throw refusal;
    }
    const completed = firstEventOf(result.appended, 'SignInCompleted')?.data;
    if (!completed) throw new Error('AnswerChallenge neither refused nor completed');
    return this.completion.finish(completed, account, now);
  }
}
