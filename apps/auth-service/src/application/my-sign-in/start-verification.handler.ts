import type { ContactChannel } from '@accounts/contracts';
import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ownAuthenticator } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { contactVerificationMessage, Notifications } from '../shared/notifications';
import { newSixDigitCode, sha256 } from '../shared/secrets';
import { OwnAccount } from '../shared/own-account';
import { StartVerificationCommand } from './start-verification.command';

@CommandHandler(StartVerificationCommand)
export class StartVerificationHandler implements ICommandHandler<StartVerificationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly own: OwnAccount,
    private readonly notifications: Notifications,
    private readonly limits: ClientAddressLimits,
  ) {}

  async execute({
    caller,
    channel,
  }: StartVerificationCommand): Promise<{ channel: ContactChannel; sentTo: string | null }> {
    const now = this.runner.now();
    const account = this.own.of(caller);
    this.limits.takeCodeSend(this.limits.address(), now);
    const code = newSixDigitCode();
    const contacts = { email: account.email, mobilePhone: account.mobilePhone };
    await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'StartContactVerification',
        data: { accountId: account.accountId, channel, contacts, codeSha256: sha256(code) },
      }),
      now,
    });
    await this.notifications.sendOrFail(
      contactVerificationMessage(
        channel,
        channel === 'email' ? account.email : account.mobilePhone!,
        code,
      ),
    );
    return { channel, sentTo: channel === 'email' ? account.email : account.mobilePhone };
  }
}
