import { secondFactorOf } from '@accounts/contracts';
import { CommandRunner, DomainError, firstEventOf, invalid } from '@accounts/event-sourcing';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AuthConfig } from '../../config';
import { needsAuthenticatorEnrollment, parseAuthenticationMethod } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { contactVerificationMessage, Notifications } from '../shared/notifications';
import { newSixDigitCode, SecretBox, sha256 } from '../shared/secrets';
import { newTotpSecret, qrCodeDataUrl, totpUri } from '../shared/totp';
import { ChooseEnrollmentCommand, type EnrollmentChoice } from './choose-enrollment.command';
import { SignInEnrollment } from './sign-in-enrollment';

/** An authenticator starts its enrollment (QR code); email or SMS gets a code to prove it. */
@CommandHandler(ChooseEnrollmentCommand)
export class ChooseEnrollmentHandler implements ICommandHandler<ChooseEnrollmentCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly enrollment: SignInEnrollment,
    private readonly profiles: ProfileFacts,
    private readonly notifications: Notifications,
    private readonly box: SecretBox,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    private readonly limits: ClientAddressLimits,
  ) {}

  async execute({
    challengeId,
    method: rawMethod,
  }: ChooseEnrollmentCommand): Promise<EnrollmentChoice> {
    const now = this.runner.now();
    const { flow, account } = await this.enrollment.open(challengeId, now);
    const method = parseAuthenticationMethod(rawMethod);
    const factor = secondFactorOf(method);
    if (factor === null)
      throw invalid(
        'method',
        'AUTH-enrollment-method-invalid',
        'method must be an email, SMS or authenticator method',
      );
    const organization = this.profiles.organization(account.orgId);
    if (!organization.allowedSecondFactors.includes(factor))
      throw new DomainError(
        'forbidden',
        'AUTH-method-factor-not-allowed',
        `Your organization does not allow ${factor} as a second factor`,
        {
          allowedSecondFactors: organization.allowedSecondFactors,
        },
      );
    const contacts = { email: account.email, mobilePhone: account.mobilePhone };
    if (factor === 'authenticator') {
      const state = await this.auth.authenticator(account.accountId);
      const secret = needsAuthenticatorEnrollment(state, method) ? newTotpSecret() : null;
      if (!secret)
        throw new DomainError(
          'conflict',
          'AUTH-enrollment-authenticator-exists',
          'An authenticator is already set up: sign in with it',
        );
      await this.runner.run({
        ...ownAuthenticator(account, {
          type: 'ChangeMethod',
          data: {
            accountId: account.accountId,
            method,
            organization,
            contacts,
            newTotpSecret: this.box.encrypt(secret),
          },
        }),
        now,
      });
      const uri = totpUri(this.config.TOTP_ISSUER, account.userName, secret);
      return {
        challengeId: flow.signinId,
        method,
        enrollment: { otpauthUri: uri, secret, qrCode: await qrCodeDataUrl(uri) },
      };
    }
    this.limits.takeCodeSend(this.limits.address(), now);
    const code = newSixDigitCode();
    const started = await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'StartContactVerification',
        data: { accountId: account.accountId, channel: factor, contacts, codeSha256: sha256(code) },
      }),
      now,
    });
    const verification = firstEventOf(started.appended, 'ContactVerificationStarted');
    if (!verification) throw new Error('StartContactVerification neither refused nor started');
    const to = verification.data.destination;
    await this.notifications.sendOrFail(contactVerificationMessage(factor, to, code));
    return { challengeId: flow.signinId, method, sentTo: to };
  }
}
