import { CommandRunner } from '@accounts/event-sourcing';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AuthConfig } from '../../config';
import { needsAuthenticatorEnrollment } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { RecoveryCodeSets } from '../recovery-codes/recovery-code-sets';
import { SecretBox } from '../shared/secrets';
import { newTotpSecret, qrCodeDataUrl, totpUri } from '../shared/totp';
import { ChangeMethodCommand, type MethodChange } from './change-method.command';
import { OwnAccount } from '../shared/own-account';

@CommandHandler(ChangeMethodCommand)
export class ChangeMethodHandler implements ICommandHandler<ChangeMethodCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly own: OwnAccount,
    private readonly profiles: ProfileFacts,
    private readonly box: SecretBox,
    private readonly recovery: RecoveryCodeSets,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  async execute({ caller, method }: ChangeMethodCommand): Promise<MethodChange> {
    const account = this.own.of(caller);
    const state = await this.auth.authenticator(account.accountId);
    const enrolls =
      typeof method === 'string' && needsAuthenticatorEnrollment(state, method as never);
    const secret = enrolls ? newTotpSecret() : null;
    const result = await this.runner.run(
      ownAuthenticator(account, {
        type: 'ChangeMethod',
        data: {
          accountId: account.accountId,
          method,
          organization: this.profiles.organization(account.orgId),
          contacts: { email: account.email, mobilePhone: account.mobilePhone },
          newTotpSecret: secret ? this.box.encrypt(secret) : null,
        },
      }),
    );
    if (!secret) {
      // An email or SMS second factor is in use from now on: its first recovery codes, shown once.
      const recoveryCodes = await this.recovery.firstSet(account);
      return {
        method: result.state.method,
        enrollment: null,
        ...(recoveryCodes && { recoveryCodes }),
      };
    }
    const uri = totpUri(this.config.TOTP_ISSUER, account.userName, secret);
    return {
      method: result.state.method,
      enrollment: {
        otpauthUri: uri,
        secret,
        qrCode: await qrCodeDataUrl(uri),
        pendingMethod: method,
      },
    };
  }
}
