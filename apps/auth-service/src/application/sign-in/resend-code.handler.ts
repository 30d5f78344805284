import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  emailForCodes,
  signInDecider,
  signInFailed,
  type SignInFlow,
  signInStreamId,
} from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { newSixDigitCode, sha256 } from '../shared/secrets';
import { ResendCodeCommand } from './resend-code.command';
import type { ChallengeAnswerBody } from './sign-in-answers';
import { SignInCodes } from './sign-in-codes';

@CommandHandler(ResendCodeCommand)
export class ResendCodeHandler implements ICommandHandler<ResendCodeCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly limits: ClientAddressLimits,
    private readonly codes: SignInCodes,
  ) {}

  async execute({ challengeId }: ResendCodeCommand): Promise<ChallengeAnswerBody> {
    const now = this.runner.now();
    const streamId = signInStreamId(challengeId);
    const { state } = await this.runner.load(streamId, signInDecider);
    const account = state.status === 'none' ? null : this.profiles.byId(state.accountId);
    if (state.status !== 'none' && (!account || !account.enabled)) throw signInFailed();
    this.limits.takeCodeSend(this.limits.address(), now);
    const code = newSixDigitCode();
    // The decider answers a missing, used or non-code challenge and the resend limit before anything is sent.
    const result = await this.runner.run({
      streamId,
      decider: signInDecider,
      command: {
        type: 'ResendChallengeCode',
        data: { signinId: challengeId, codeSha256: sha256(code) },
      },
      actor: { kind: 'user', accountId: account?.accountId },
      orgId: account?.orgId,
      now,
    });
    const flow = result.state as SignInFlow & { challenge: NonNullable<SignInFlow['challenge']> };
    // Unreachable: the decider refused a sign-in that does not exist.
    if (!account) throw signInFailed();
    const authenticator = await this.auth.authenticator(account.accountId);
    await this.codes.send(
      flow.challenge.kind,
      account,
      code,
      emailForCodes(authenticator, account.email),
    );
    return { challengeId, method: flow.challenge.kind, sentTo: flow.challenge.sentTo };
  }
}
