import type { SignInChallengeIssuedData, SignInCompletedData } from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  answerableChallenge,
  emailForCodes,
  type AuthenticatorState,
  authenticatorDecider,
  authenticatorStreamId,
  type ChallengeAnswer,
  passwordNeedsRehash,
  refusalOf,
  signInDecider,
  signInFailed,
  signInStreamId,
  type SignInFlow,
  totpVerdictOf,
} from '../domain';
import type { AuthConfig } from '../config';
import { type AccountFacts, ProfileFacts } from '../projections/profile-facts.queries';
import { TrustedDevices } from '../projections/trusted-devices.queries';
import { AuthStore, metadataOf } from './auth-store';
import { ClientAddressLimits } from './client-address-limits';
import { Notifications } from './notifications';
import { PasswordHasher } from './passwords';
import { newOpaqueToken, newSixDigitCode, SecretBox, sha256 } from './secrets';
import { SessionTokens, type TokenAnswer } from './session-tokens';
import { RecoveryCodes } from './recovery-codes.service';
import { checkTotp } from './totp';
import { isEnrollmentChallenge, SignInEnrollment } from './sign-in-enrollment';

export interface ChallengeAnswerBody {
  readonly challengeId: string;
  readonly method: string;
  readonly sentTo: string | null;
  readonly reason?: string;
}

export type LoginAnswer = { kind: 'tokens'; tokens: TokenAnswer & { trustedDeviceToken?: string } } | { kind: 'challenge'; challenge: ChallengeAnswerBody };

/** The guard stream of a user name no account has: `signinguard-unknown-<fingerprint>`. */
const unknownUserGuardId = (fingerprint: string) => `unknown-${fingerprint.slice(0, 32)}`;

const find = <T>(events: readonly RecordedEvent[], type: string): T | undefined =>
  events.find((e) => e.type === type)?.data as T | undefined;

/** POST /auth/login and POST /auth/login/:challengeId, in the order the domain README gives. */
@Injectable()
export class SignInService {
  constructor(
    private readonly store: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly notifications: Notifications,
    private readonly box: SecretBox,
    private readonly enrollment: SignInEnrollment,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    private readonly devices: TrustedDevices,
    private readonly limits: ClientAddressLimits,
    private readonly recovery: RecoveryCodes,
  ) {}

  async login(userName: string, password: string, trustedDeviceToken: string | null, now = new Date()): Promise<LoginAnswer> {
    const address = this.limits.address();
    this.limits.assertSignInAllowed(address, now);
    const found = this.profiles.byUserName(userName);
    // An unknown user name goes through the same steps as an account (its own guard stream under a
    // keyed fingerprint, an empty authenticator, a dummy hash): the same time, the same lock-out
    // after 5 failures, so neither tells which user names exist. A disabled account likewise.
    const guardId = found ? found.accountId : unknownUserGuardId(this.box.fingerprint(userName.toLowerCase()));
    const metadata = metadataOf({ kind: 'user', ...(found && { accountId: found.accountId }) }, found?.orgId);
    await this.store.guard({ type: 'CheckSignInAllowed', data: { accountId: guardId, address } }, metadata, now);
    const authenticator = await this.store.authenticator(guardId);
    const passwordVerified = await this.hasher.verify(authenticator.passwordHash, password);
    const account = found?.enabled ? found : null;
    if (!passwordVerified || !account) {
      const failure = { accountId: guardId, signinId: null, factor: 'password' as const, address };
      await this.store.guard({ type: 'RecordSignInFailure', data: failure }, metadata, now);
      this.limits.signInFailed(address, now);
      throw signInFailed();
    }
    const { accountId } = account;
    await this.rehashIfNeeded(authenticator, password, account, now);
    const signinId = randomUUID();
    const code = newSixDigitCode();
    const started = await this.store.run(
      signInStreamId(signinId),
      signInDecider,
      {
        type: 'StartSignIn',
        data: {
          signinId,
          accountId,
          passwordVerified,
          account: { email: emailForCodes(authenticator, account.email), mobilePhone: account.mobilePhone, enabled: account.enabled },
          organization: this.profiles.organization(account.orgId),
          authenticator,
          trustedDeviceTokenSha256: trustedDeviceToken ? sha256(trustedDeviceToken) : null,
          codeSha256: sha256(code),
          sessionId: randomUUID(),
          ip: metadata.ip ?? null,
          userAgent: metadata.userAgent ?? null,
        },
      },
      metadata,
      now,
    );
    const completed = find<SignInCompletedData>(started.appended, 'SignInCompleted');
    if (completed) {
      const tokens = await this.complete(completed, account, now);
      // The device's last use is in the list the user may open next.
      if (completed.trustedDeviceId) await this.devices.caughtUp(started.position);
      return { kind: 'tokens', tokens };
    }
    const challenge = find<SignInChallengeIssuedData>(started.appended, 'SignInChallengeIssued');
    if (!challenge) throw new Error('StartSignIn neither completed nor challenged');
    await this.sendCode(challenge.challenge, account, code, emailForCodes(authenticator, account.email));
    return {
      kind: 'challenge',
      challenge: {
        challengeId: signinId,
        method: challenge.challenge,
        sentTo: challenge.sentTo,
        ...(challenge.reason && { reason: challenge.reason }),
      },
    };
  }

  async answer(
    challengeId: string,
    code: string,
    now = new Date(),
    enrollmentMethod?: string,
  ): Promise<TokenAnswer & { trustedDeviceToken?: string; recoveryCodes?: string[] }> {
    const streamId = signInStreamId(challengeId);
    const { state } = await this.store.load(streamId, signInDecider);
    if (isEnrollmentChallenge(state)) {
      const { completed, account } = await this.enrollment.prove(state, code, enrollmentMethod, now);
      const tokens = await this.finish(completed, account, now);
      // The second factor was just set up: its recovery codes, shown this once.
      const recoveryCodes = await this.recovery.firstSet(account);
      return recoveryCodes ? { ...tokens, recoveryCodes } : tokens;
    }
    const flow = answerableChallenge(state, now);
    const account = this.profiles.byId(flow.accountId);
    if (!account) throw signInFailed();
    const { accountId } = account;
    const metadata = metadataOf({ kind: 'user', accountId }, account.orgId);
    const address = this.limits.address();
    this.limits.assertCodeAllowed(address, now);
    await this.store.guard({ type: 'CheckSignInAllowed', data: { accountId, address } }, metadata, now);
    const factor = flow.challenge.kind;
    let guardEvents: RecordedEvent[] = [];
    let answer: ChallengeAnswer;
    if (factor === 'authenticator') {
      const authenticator = await this.store.authenticator(accountId);
      const secret = authenticator.totp ? this.box.decrypt(authenticator.totp.encryptedSecret) : null;
      const totp = secret ? await checkTotp(secret, code, now) : { valid: false, timeStep: 0 };
      guardEvents = await this.store.guard(
        { type: 'UseTotpCode', data: { accountId, signinId: challengeId, totpValid: totp.valid, timeStep: totp.timeStep, address } },
        metadata,
        now,
      );
      // A replayed code is told to the owner by the notices reactor (TotpCodeReplayed).
      answer = { kind: 'totp', verdict: totpVerdictOf(guardEvents as never) };
    } else {
      answer = { kind: 'code', codeSha256: sha256(code) };
    }
    const newTrustedDeviceId = randomUUID();
    const result = await this.store.run(
      streamId,
      signInDecider,
      {
        type: 'AnswerChallenge',
        data: { signinId: challengeId, sessionId: randomUUID(), newTrustedDeviceId, answer, accountEnabled: account.enabled },
      },
      metadata,
      now,
    );
    if (factor !== 'authenticator' && result.appended.some((e) => e.type === 'SignInChallengeCodeFailed'))
      guardEvents = await this.store.guard(
        { type: 'RecordSignInFailure', data: { accountId, signinId: challengeId, factor: factor as 'email' | 'sms', address } },
        metadata,
        now,
      );
    const refusal = refusalOf([...result.appended, ...guardEvents] as never);
    if (refusal) {
      this.limits.codeFailed(address, now);
      throw refusal;
    }
    const completed = find<SignInCompletedData>(result.appended, 'SignInCompleted');
    if (!completed) throw new Error('AnswerChallenge neither refused nor completed');
    return this.finish(completed, account, now);
  }

  /** POST /auth/login/:challengeId/resend: a new code replaces the old one; wrong guesses still count. */
  async resend(challengeId: string, now = new Date()): Promise<ChallengeAnswerBody> {
    const streamId = signInStreamId(challengeId);
    const { state } = await this.store.load(streamId, signInDecider);
    const account = state.status === 'none' ? null : this.profiles.byId(state.accountId);
    if (state.status !== 'none' && (!account || !account.enabled)) throw signInFailed();
    this.limits.takeCodeSend(this.limits.address(), now);
    const code = newSixDigitCode();
    // The decider answers a missing, used or non-code challenge and the resend limit before anything is sent.
    const result = await this.store.run(
      streamId,
      signInDecider,
      { type: 'ResendChallengeCode', data: { signinId: challengeId, codeSha256: sha256(code) } },
      metadataOf({ kind: 'user', accountId: account?.accountId }, account?.orgId),
      now,
    );
    const flow = result.state as SignInFlow & { challenge: NonNullable<SignInFlow['challenge']> };
    // Unreachable: the decider refused a sign-in that does not exist.
    if (!account) throw signInFailed();
    const authenticator = await this.store.authenticator(account.accountId);
    await this.sendCode(flow.challenge.kind, account, code, emailForCodes(authenticator, account.email));
    return { challengeId, method: flow.challenge.kind, sentTo: flow.challenge.sentTo };
  }

  /** Tokens for a completed sign-in; a computer that becomes trusted gets its token. */
  async finish(
    completed: SignInCompletedData,
    account: AccountFacts,
    now: Date,
  ): Promise<TokenAnswer & { trustedDeviceToken?: string }> {
    const { accountId } = account;
    const metadata = metadataOf({ kind: 'user', accountId }, account.orgId);
    const tokens = await this.complete(completed, account, now);
    if (!completed.newTrustedDeviceId) return tokens;
    const trustedDeviceToken = newOpaqueToken();
    const added = await this.store.run(
      authenticatorStreamId(accountId),
      authenticatorDecider,
      {
        type: 'AddTrustedDevice',
        data: {
          accountId,
          deviceId: completed.newTrustedDeviceId,
          tokenSha256: sha256(trustedDeviceToken),
          userAgent: metadata.userAgent ?? null,
          ip: metadata.ip ?? null,
          lifetimeSeconds: this.config.TRUSTED_DEVICE_DAYS * 86_400,
        },
      },
      metadata,
      now,
    );
    await this.devices.caughtUp(added.position);
    return { ...tokens, trustedDeviceToken };
  }

  private async complete(completed: SignInCompletedData, account: AccountFacts, now: Date): Promise<TokenAnswer> {
    const tokens = await this.sessions.start(completed, account, now);
    await this.store.guard(
      { type: 'RecordSignInSuccess', data: { accountId: account.accountId, signinId: completed.signinId, address: this.limits.address() } },
      metadataOf({ kind: 'user', accountId: account.accountId }, account.orgId),
      now,
    );
    return tokens;
  }

  /** Best effort: a failed rehash must not fail a correct sign-in. */
  private async rehashIfNeeded(authenticator: AuthenticatorState, password: string, account: AccountFacts, now: Date): Promise<void> {
    const stored = authenticator.passwordHash;
    if (!stored || !passwordNeedsRehash(stored, this.hasher.parameters)) return;
    try {
      await this.store.run(
        authenticatorStreamId(account.accountId),
        authenticatorDecider,
        {
          type: 'RehashPassword',
          data: {
            accountId: account.accountId,
            passwordVerified: true,
            verifiedPasswordHash: stored,
            passwordHash: await this.hasher.hash(password),
            configured: this.hasher.parameters,
          },
        },
        metadataOf({ kind: 'system' }, account.orgId),
        now,
      );
    } catch {
      // The next sign-in tries again.
    }
  }

  private async sendCode(challenge: string, account: AccountFacts, code: string, email: string): Promise<void> {
    if (challenge === 'email')
      await this.notifications.sendOrFail({
        kind: 'email',
        to: email,
        subject: 'Your sign-in code',
        text: `Your sign-in code is ${code}. It is valid for 10 minutes. If you did not try to sign in, change your password.`,
        tag: 'sign-in-code',
      });
    else if (challenge === 'sms' && account.mobilePhone)
      await this.notifications.sendOrFail({ kind: 'sms', to: account.mobilePhone, text: `Your sign-in code: ${code}`, tag: 'sign-in-code' });
  }
}
