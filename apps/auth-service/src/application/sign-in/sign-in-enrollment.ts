import { type SignInCompletedData, secondFactorOf } from '@accounts/contracts';
import { CommandRunner, firstEventOf } from '@accounts/event-sourcing';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  enrollableChallenge,
  parseAuthenticationMethod,
  refusalOf,
  type SignInFlow,
  signInDecider,
  signInFailed,
  type SignInState,
  signInStreamId,
} from '../../domain';
import { type AccountFacts, ProfileFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { SecretBox, sha256 } from '../shared/secrets';
import { checkTotp } from '../shared/totp';

type EnrollmentFlow = SignInFlow & { challenge: NonNullable<SignInFlow['challenge']> };

/** An open sign-in whose challenge is to set up a second factor. */
export const isEnrollmentChallenge = (state: SignInState): state is EnrollmentFlow =>
  state.status === 'open' && state.challenge?.kind === 'enroll-second-factor';

/**
 * The enrollment challenge (`enroll-second-factor`), in the domain README's order: the holder of the
 * challenge chooses a method (ChooseEnrollmentHandler), proves it (ConfirmAuthenticator /
 * ConfirmContactVerification + ChangeMethod), then CompleteEnrollment issues the tokens.
 */
@Injectable()
export class SignInEnrollment {
  constructor(
    private readonly store: AuthStore,
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly box: SecretBox,
    private readonly limits: ClientAddressLimits,
  ) {}

  /**
   * POST /auth/login/:challengeId { code[, method] } on an enrollment challenge: confirms the pending
   * authenticator or contact code, then CompleteEnrollment. `method` picks email/sms "every time".
   */
  async prove(
    state: EnrollmentFlow,
    code: string,
    rawMethod: string | undefined,
    now: Date,
  ): Promise<{ completed: SignInCompletedData; account: AccountFacts }> {
    const { account } = await this.open(state.signinId, now);
    const contacts = { email: account.email, mobilePhone: account.mobilePhone };
    const before = await this.store.authenticator(account.accountId);
    const method = rawMethod === undefined ? undefined : parseAuthenticationMethod(rawMethod);
    const channel = before.pendingVerification?.channel;
    const wantsContact =
      channel !== undefined &&
      (method === undefined ? !before.pendingTotp : secondFactorOf(method) === channel);
    if (wantsContact) {
      const address = this.limits.address();
      this.limits.assertCodeAllowed(address, now);
      const confirmed = await this.runner.run({
        ...ownAuthenticator(account, {
          type: 'ConfirmContactVerification',
          data: { accountId: account.accountId, channel, contacts, codeSha256: sha256(code) },
        }),
        now,
      });
      const refusal = refusalOf(confirmed.appended);
      if (refusal) {
        this.limits.codeFailed(address, now);
        throw refusal;
      }
      await this.runner.run({
        ...ownAuthenticator(account, {
          type: 'ChangeMethod',
          data: {
            accountId: account.accountId,
            method: method ?? channel,
            organization: this.profiles.organization(account.orgId),
            contacts,
            newTotpSecret: null,
          },
        }),
        now,
      });
    } else if (before.pendingTotp) {
      const secret = this.box.decrypt(before.pendingTotp.encryptedSecret);
      const totp = await checkTotp(secret, code, now);
      await this.runner.run({
        ...ownAuthenticator(account, {
          type: 'ConfirmAuthenticator',
          data: { accountId: account.accountId, totpValid: totp.valid },
        }),
        now,
      });
    }
    const result = await this.runner.run({
      streamId: signInStreamId(state.signinId),
      decider: signInDecider,
      command: {
        type: 'CompleteEnrollment',
        data: {
          signinId: state.signinId,
          sessionId: randomUUID(),
          newTrustedDeviceId: randomUUID(),
          account: { ...contacts, enabled: account.enabled },
          organization: this.profiles.organization(account.orgId),
          authenticator: await this.store.authenticator(account.accountId),
        },
      },
      actor: { kind: 'user', accountId: account.accountId },
      orgId: account.orgId,
      now,
    });
    const completed = firstEventOf(result.appended, 'SignInCompleted')?.data;
    if (!completed) throw new Error('CompleteEnrollment neither refused nor completed');
    return { completed, account };
  }

  /** The open enrollment challenge and its account; the domain's refusals for a dead one. */
  async open(
    challengeId: string,
    now: Date,
  ): Promise<{ flow: EnrollmentFlow; account: AccountFacts }> {
    const { state } = await this.runner.load(signInStreamId(challengeId), signInDecider);
    const flow = enrollableChallenge(state, now);
    const account = this.profiles.byId(flow.accountId);
    if (!account || !account.enabled) throw signInFailed();
    return { flow, account };
  }
}
