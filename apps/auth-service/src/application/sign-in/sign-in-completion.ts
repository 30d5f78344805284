import type { SignInCompletedData } from '@accounts/contracts';
import { CommandRunner, type LoadedAggregate } from '@accounts/event-sourcing';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthConfig } from '../../config';
import type { SignInGuardState } from '../../domain';
import type { AccountFacts } from '../../projections/profile-facts.queries';
import { TrustedDevices } from '../../projections/trusted-devices.queries';
import { ownAuthenticator, signInGuard } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { newOpaqueToken, sha256 } from '../shared/secrets';
import { SessionOpening } from '../sessions/session-opening';
import type { TokenAnswer } from '../sessions/token-answers';
import type { SignInTokens } from './sign-in-answers';

/** What every way of completing a sign-in ends with: the session, the guard's success, a trusted computer. */
@Injectable()
export class SignInCompletion {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionOpening,
    private readonly devices: TrustedDevices,
    private readonly limits: ClientAddressLimits,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Tokens for a completed sign-in; a computer that becomes trusted gets its token. */
  async finish(
    completed: SignInCompletedData,
    account: AccountFacts,
    now: Date,
  ): Promise<SignInTokens> {
    const tokens = await this.complete(completed, account, now);
    if (!completed.newTrustedDeviceId) return tokens;
    const trustedDeviceToken = newOpaqueToken();
    const request = this.runner.metadata({ kind: 'user', accountId: account.accountId });
    const added = await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'AddTrustedDevice',
        data: {
          accountId: account.accountId,
          deviceId: completed.newTrustedDeviceId,
          tokenSha256: sha256(trustedDeviceToken),
          userAgent: request.userAgent ?? null,
          ip: request.ip ?? null,
          lifetimeSeconds: this.config.TRUSTED_DEVICE_DAYS * 86_400,
        },
      }),
      now,
    });
    // The new computer is in the list the user may open next.
    await this.devices.caughtUp(added.position);
    return { ...tokens, trustedDeviceToken };
  }

  /**
   * The session starts and the guard records the success (which ends a run of failures). The two are
   * independent streams and both follow from SignInCompleted, already stored: they are appended
   * together, so the embedded store writes them in one group commit (one fsync instead of two).
   * `guard` is the guard as the password step read it, if it did.
   */
  async complete(
    completed: SignInCompletedData,
    account: AccountFacts,
    now: Date,
    guard?: LoadedAggregate<SignInGuardState>,
  ): Promise<TokenAnswer> {
    const [tokens] = await Promise.all([
      this.sessions.start(completed, account, now),
      this.runner.run({
        ...signInGuard(
          {
            type: 'RecordSignInSuccess',
            data: {
              accountId: account.accountId,
              signinId: completed.signinId,
              address: this.limits.address(),
            },
          },
          { kind: 'user', accountId: account.accountId },
          account.orgId,
        ),
        ...(guard && { loaded: guard }),
        now,
      }),
    ]);
    return tokens;
  }
}
