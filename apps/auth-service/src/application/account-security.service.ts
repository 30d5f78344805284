import type { ContactChannel } from '@accounts/contracts';
import type { Principal } from '@accounts/security';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@accounts/event-sourcing';
import {
  authenticatorDecider,
  authenticatorStreamId,
  type ChangePassword,
  needsAuthenticatorEnrollment,
  refuse,
  refusalOf,
} from '../domain';
import type { AuthConfig } from '../config';
import { type AccountFacts, ProfileFacts } from '../projections/profile-facts.queries';
import { TrustedDevices } from '../projections/trusted-devices.queries';
import { AuthStore, metadataOf } from './auth-store';
import { ClientAddressLimits } from './client-address-limits';
import { contactVerificationMessage, Notifications } from './notifications';
import { isCommonPassword, PasswordHasher } from './passwords';
import { newSixDigitCode, SecretBox, sha256 } from './secrets';
import { RecoveryCodes } from './recovery-codes.service';
import { SessionTokens } from './session-tokens';
import { checkTotp, newTotpSecret, qrCodeDataUrl, totpUri } from './totp';

/** What the signed-in user changes about how they sign in (PUT /auth/me/...). */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly store: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly notifications: Notifications,
    private readonly box: SecretBox,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    private readonly devices: TrustedDevices,
    private readonly limits: ClientAddressLimits,
    private readonly recovery: RecoveryCodes,
  ) {}

  account(principal: Principal): AccountFacts {
    const account = this.profiles.byId(principal.accountId);
    if (!account || account.orgId !== principal.orgId)
      throw refuse('not_found', 'AUTH-account-not-found', 'No such account');
    return account;
  }


  async changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string; repeatPassword: string; endOtherSessions: boolean },
  ): Promise<{ endedSessions: number }> {
    const account = this.account(principal);
    // A wrong current password is a password guess (a stolen session must not test passwords
    // freely): the sign-in guard and the address budget count it and lock it out alike.
    const address = this.limits.address();
    const metadata = metadataOf({ kind: 'user', accountId: account.accountId }, account.orgId);
    await passwordAttemptsRefused(async () => {
      this.limits.assertSignInAllowed(address);
      await this.store.guard({ type: 'CheckSignInAllowed', data: { accountId: account.accountId, address } }, metadata);
    });
    const state = await this.store.authenticator(account.accountId);
    const command = (newPasswordHash: string): ChangePassword => ({
      type: 'ChangePassword',
      data: {
        accountId: account.accountId,
        ...input,
        currentPasswordVerified,
        newPasswordHash,
        passwordPolicy: { userName: account.userName, isCommonPassword },
      },
    });
    const currentPasswordVerified = await this.hasher.verify(state.passwordHash, input.currentPassword);
    if (!currentPasswordVerified) {
      const failure = { accountId: account.accountId, signinId: null, factor: 'password' as const, address };
      await this.store.guard({ type: 'RecordSignInFailure', data: failure }, metadata);
      this.limits.signInFailed(address);
    }
    // Decide before hashing: a refused change costs no second argon2 run.
    authenticatorDecider.decide(command('not-hashed-yet'), state, { now: new Date() });
    await this.store.runAuthenticator(account, command(await this.hasher.hash(input.newPassword)));
    let endedSessions = 0;
    if (input.endOtherSessions) {
      for (const session of this.profiles.activeSessions(account.accountId)) {
        if (session.session_id === principal.sessionId) continue;
        await this.sessions.end(session.session_id, account.accountId, account.orgId, 'password-changed');
        endedSessions++;
      }
    }
    // The owner is told by the notices reactor (PasswordChanged), not from this request.
    return { endedSessions };
  }

  /** PUT /auth/me/method; an authenticator method without an enrolled app starts enrollment. */
  async changeMethod(principal: Principal, method: unknown) {
    const account = this.account(principal);
    const state = await this.store.authenticator(account.accountId);
    const enrolls = typeof method === 'string' && needsAuthenticatorEnrollment(state, method as never);
    const secret = enrolls ? newTotpSecret() : null;
    const result = await this.store.runAuthenticator(account, {
      type: 'ChangeMethod',
      data: {
        accountId: account.accountId,
        method,
        organization: this.profiles.organization(account.orgId),
        contacts: { email: account.email, mobilePhone: account.mobilePhone },
        newTotpSecret: secret ? this.box.encrypt(secret) : null,
      },
    });
    if (!secret) {
      // An email or SMS second factor is in use from now on: its first recovery codes, shown once.
      const recoveryCodes = await this.recovery.firstSet(account);
      return { method: result.state.method, enrollment: null, ...(recoveryCodes && { recoveryCodes }) };
    }
    const uri = totpUri(this.config.TOTP_ISSUER, account.userName, secret);
    return {
      method: result.state.method,
      enrollment: { otpauthUri: uri, secret, qrCode: await qrCodeDataUrl(uri), pendingMethod: method },
    };
  }

  async confirmAuthenticator(principal: Principal, code: string, now = new Date()) {
    const account = this.account(principal);
    const state = await this.store.authenticator(account.accountId);
    const secret = state.pendingTotp ? this.box.decrypt(state.pendingTotp.encryptedSecret) : null;
    const totp = secret ? await checkTotp(secret, code, now) : { valid: false };
    const result = await this.store.runAuthenticator(account, { type: 'ConfirmAuthenticator', data: { accountId: account.accountId, totpValid: totp.valid } }, now);
    // The authenticator is set up: its recovery codes, shown this once (none if a set exists).
    const recoveryCodes = await this.recovery.firstSet(account);
    return { method: result.state.method, ...(recoveryCodes && { recoveryCodes }) };
  }

  async startVerification(principal: Principal, channel: ContactChannel) {
    const account = this.account(principal);
    this.limits.takeCodeSend(this.limits.address());
    const code = newSixDigitCode();
    const contacts = { email: account.email, mobilePhone: account.mobilePhone };
    await this.store.runAuthenticator(account, {
      type: 'StartContactVerification',
      data: { accountId: account.accountId, channel, contacts, codeSha256: sha256(code) },
    });
    await this.notifications.sendOrFail(contactVerificationMessage(channel, channel === 'email' ? account.email : account.mobilePhone!, code));
    return { channel, sentTo: channel === 'email' ? account.email : account.mobilePhone };
  }

  async confirmVerification(principal: Principal, channel: ContactChannel, code: string) {
    const account = this.account(principal);
    const address = this.limits.address();
    this.limits.assertCodeAllowed(address);
    const result = await this.store.runAuthenticator(account, {
      type: 'ConfirmContactVerification',
      data: { accountId: account.accountId, channel, contacts: { email: account.email, mobilePhone: account.mobilePhone }, codeSha256: sha256(code) },
    });
    const refusal = refusalOf(result.appended as never);
    if (refusal) {
      this.limits.codeFailed(address);
      throw refusal;
    }
    return { channel, verified: true };
  }

  /** From the trusted_devices read model; `presentedToken` is the request's trusted-device token, if any. */
  trustedDevices(principal: Principal, presentedToken: string | null) {
    const account = this.account(principal);
    return { items: this.devices.active(account.accountId, presentedToken ? sha256(presentedToken) : null) };
  }

  /** Another account's device id is unknown to the caller's authenticator: 404. */
  async revokeTrustedDevice(principal: Principal, deviceId: string): Promise<void> {
    const account = this.account(principal);
    const result = await this.store.runAuthenticator(account, { type: 'RevokeTrustedDevice', data: { accountId: account.accountId, deviceId } });
    await this.devices.caughtUp(result.position);
  }

  async resetAuthenticator(principal: Principal, accountId: string, reason: unknown): Promise<void> {
    const target = this.profiles.byId(accountId);
    // Unknown and other-organization accounts get the same 404.
    const accountOrgId = target?.orgId ?? '';
    await this.store.run(
      authenticatorStreamId(accountId),
      authenticatorDecider,
      {
        type: 'ResetAuthenticator',
        data: {
          accountId,
          actor: {
            accountId: principal.accountId,
            orgId: principal.orgId,
            isAdministrator: this.profiles.isAdministrator(principal.orgId, principal.accountId),
          },
          accountOrgId,
          reason,
        },
      },
      metadataOf({ kind: 'admin', accountId: principal.accountId }, principal.orgId),
    );
    // The owner is told, with the reason, by the notices reactor (AuthenticatorReset).
  }

  sessionList(principal: Principal) {
    this.account(principal);
    return {
      items: this.profiles.activeSessions(principal.accountId).map((s) => ({
        id: s.session_id,
        device: s.device,
        ip: s.ip,
        startedAt: s.started_at,
        lastActiveAt: s.last_active_at,
        current: s.session_id === principal.sessionId,
      })),
    };
  }
}

/** The guard's 429 in words that fit a password change rather than a sign-in. */
async function passwordAttemptsRefused(check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'too_many_attempts') throw error;
    throw refuse('too_many_attempts', 'AUTH-password-attempts', 'Too many wrong passwords: try again later', error.details);
  }
}
