import type { ContactChannel } from '@accounts/contracts';
import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refusalOf } from '../../domain';
import { ownAuthenticator } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { sha256 } from '../shared/secrets';
import { ConfirmVerificationCommand } from './confirm-verification.command';
import { OwnAccount } from '../shared/own-account';

/** A wrong code is recorded (it counts toward the code's attempts) before the refusal is answered. */
@CommandHandler(ConfirmVerificationCommand)
export class ConfirmVerificationHandler implements ICommandHandler<ConfirmVerificationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly own: OwnAccount,
    private readonly limits: ClientAddressLimits,
  ) {}

  async execute({
    caller,
    channel,
    code,
  }: ConfirmVerificationCommand): Promise<{ channel: ContactChannel; verified: true }> {
    const now = this.runner.now();
    const account = this.own.of(caller);
    const address = this.limits.address();
    this.limits.assertCodeAllowed(address, now);
    const result = await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'ConfirmContactVerification',
        data: {
          accountId: account.accountId,
          channel,
          contacts: { email: account.email, mobilePhone: account.mobilePhone },
          codeSha256: sha256(code),
        },
      }),
      now,
    });
    const refusal = refusalOf(result.appended);
    if (refusal) {
      this.limits.codeFailed(address, now);
      throw refusal;
    }
    return { channel, verified: true };
  }
}
