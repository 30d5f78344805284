import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TrustedDevices } from '../../projections/trusted-devices.queries';
import { ownAuthenticator } from '../shared/auth-runs';
import { OwnAccount } from '../shared/own-account';
import { RevokeTrustedDeviceCommand } from './revoke-trusted-device.command';

/** Another account's device id is unknown to the caller's authenticator: 404. */
@CommandHandler(RevokeTrustedDeviceCommand)
export class RevokeTrustedDeviceHandler implements ICommandHandler<RevokeTrustedDeviceCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly own: OwnAccount,
    private readonly devices: TrustedDevices,
  ) {}

  async execute({ caller, deviceId }: RevokeTrustedDeviceCommand): Promise<void> {
    const account = this.own.of(caller);
    const result = await this.runner.run(
      ownAuthenticator(account, {
        type: 'RevokeTrustedDevice',
        data: { accountId: account.accountId, deviceId },
      }),
    );
    await this.devices.caughtUp(result.position);
  }
}
