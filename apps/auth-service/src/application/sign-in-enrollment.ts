import { type SignInCompletedData, secondFactorOf } from '@accounts/contracts';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  invalid,
  needsAuthenticatorEnrollment,
  parseAuthenticationMethod,
  refuse,
  refusalOf,
  type SignInFlow,
  signInDecider,
  signInFailed,
  type SignInState,
  signInStreamId,
} from '../domain';
import type { AuthConfig } from '../config';
import { type AccountFacts, ProfileFacts } from '../projections/profile-facts.queries';
import { AuthStore, metadataOf } from './auth-store';
import { ClientAddressLimits } from './client-address-limits';
import { contactVerificationMessage, Notifications } from './notifications';
import { newSixDigitCode, SecretBox, sha256 } from './secrets';
import { checkTotp, newTotpSecret, qrCodeDataUrl, totpUri } from './totp';

type EnrollmentFlow = SignInFlow & { challenge: NonNullable<SignInFlow['challenge']> };

/** An open sign-in whose challenge is to set up a second factor. */
export const isEnrollmentChallenge = (state: SignInState): state is EnrollmentFlow =>
  state.status === 'open' && state.challenge?.kind === 'enroll-second-factor';

/**
 * The enrollment challenge (`enroll-second-factor`), in the domain README's order: the holder of the
 * challenge chooses a method (ChangeMethod / StartContactVerification), proves it (ConfirmAuthenticator /
 * ConfirmContactVerification + ChangeMethod), then CompleteEnrollment issues the tokens.
 */
@Injectable()
export class SignInEnrollment {
  constructor(
    private readonly store: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly notifications: Notifications,
    private readonly box: SecretBox,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    private readonly limits: ClientAddressLimits,
  ) {}

  /** POST /auth/login/:challengeId/enrollment { method }. */
  async choose(challengeId: string, rawMethod: unknown, now = new Date()) {
    const { flow, account } = await this.open(challengeId, now);
    const method = parseAuthenticationMethod(rawMethod);
    const factor = secondFactorOf(method);
    if (factor === null)
      throw invalid('method', 'AUTH-enrollment-method-invalid', 'method must be an email, SMS or authenticator method');
    const organization = this.profiles.organization(account.orgId);
    if (!organization.allowedSecondFactors.includes(factor))
      throw refuse('forbidden', 'AUTH-method-factor-not-allowed', `Your organization does not allow ${factor} as a second factor`, {
        allowedSecondFactors: organization.allowedSecondFactors,
      });
    const contacts = { email: account.email, mobilePhone: account.mobilePhone };
    if (factor === 'authenticator') {
      const state = await this.store.authenticator(account.accountId);
      const secret = needsAuthenticatorEnrollment(state, method) ? newTotpSecret() : null;
      if (!secret)
        throw refuse('conflict', 'AUTH-enrollment-authenticator-exists', 'An authenticator is already set up: sign in with it');
      await this.store.runAuthenticator(account, {
        type: 'ChangeMethod',
        data: { accountId: account.accountId, method, organization, contacts, newTotpSecret: this.box.encrypt(secret) },
      }, now);
      const uri = totpUri(this.config.TOTP_ISSUER, account.userName, secret);
      return { challengeId: flow.signinId, method, enrollment: { otpauthUri: uri, secret, qrCode: await qrCodeDataUrl(uri) } };
    }
    this.limits.takeCodeSend(this.limits.address(), now);
    const code = newSixDigitCode();
    const started = await this.store.runAuthenticator(account, {
      type: 'StartContactVerification',
      data: { accountId: account.accountId, channel: factor, contacts, codeSha256: sha256(code) },
    }, now);
    const to = (started.appended[0].data as { destination: string }).destination;
    await this.notifications.sendOrFail(contactVerificationMessage(factor, to, code));
    return { challengeId: flow.signinId, method, sentTo: to };
  }

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
    const wantsContact = channel !== undefined && (method === undefined ? !before.pendingTotp : secondFactorOf(method) === channel);
    if (wantsContact) {
      const address = this.limits.address();
      this.limits.assertCodeAllowed(address, now);
      const confirmed = await this.store.runAuthenticator(account, {
        type: 'ConfirmContactVerification',
        data: { accountId: account.accountId, channel, contacts, codeSha256: sha256(code) },
      }, now);
      const refusal = refusalOf(confirmed.appended as never);
      if (refusal) {
        this.limits.codeFailed(address, now);
        throw refusal;
      }
      await this.store.runAuthenticator(account, {
        type: 'ChangeMethod',
        data: {
          accountId: account.accountId,
          method: method ?? channel,
          organization: this.profiles.organization(account.orgId),
          contacts,
          newTotpSecret: null,
        },
      }, now);
    } else if (before.pendingTotp) {
      const secret = this.box.decrypt(before.pendingTotp.encryptedSecret);
      const totp = await checkTotp(secret, code, now);
      await this.store.runAuthenticator(account, { type: 'ConfirmAuthenticator', data: { accountId: account.accountId, totpValid: totp.valid } }, now);
    }
    const result = await this.store.run(
      signInStreamId(state.signinId),
      signInDecider,
      {
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
      metadataOf({ kind: 'user', accountId: account.accountId }, account.orgId),
      now,
    );
    const completed = result.appended.find((e) => e.type === 'SignInCompleted')?.data as SignInCompletedData | undefined;
    if (!completed) throw new Error('CompleteEnrollment neither refused nor completed');
    return { completed, account };
  }

  /** The open enrollment challenge and its account; the same refusals as the domain's for a dead one. */
  private async open(challengeId: string, now: Date): Promise<{ flow: EnrollmentFlow; account: AccountFacts }> {
    const { state } = await this.store.load(signInStreamId(challengeId), signInDecider);
    if (state.status === 'none' || !state.challenge)
      throw refuse('not_found', 'AUTH-challenge-not-found', 'No such sign-in challenge: sign in again');
    if (state.status === 'completed') throw refuse('unauthorized', 'AUTH-challenge-used', 'This challenge was already used: sign in again');
    if (!isEnrollmentChallenge(state))
      throw refuse('conflict', 'AUTH-challenge-not-enrollment', 'This sign-in asks for a code, not for setting up a second factor');
    if (now.getTime() >= Date.parse(state.challenge.expiresAt))
      throw refuse('unauthorized', 'AUTH-challenge-expired', 'This sign-in has expired: sign in again');
    const account = this.profiles.byId(state.accountId);
    if (!account || !account.enabled) throw signInFailed();
    return { flow: state, account };
  }

}
