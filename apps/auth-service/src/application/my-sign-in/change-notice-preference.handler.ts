import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ownAuthenticator } from '../shared/auth-runs';
import { ChangeNoticePreferenceCommand } from './change-notice-preference.command';
import { OwnAccount } from '../shared/own-account';

@CommandHandler(ChangeNoticePreferenceCommand)
export class ChangeNoticePreferenceHandler
  implements ICommandHandler<ChangeNoticePreferenceCommand>
{
  constructor(
    private readonly runner: CommandRunner,
    private readonly own: OwnAccount,
  ) {}

  async execute({
    caller,
    notice,
    enabled,
  }: ChangeNoticePreferenceCommand): Promise<{ notice: string; enabled: boolean }> {
    const account = this.own.of(caller);
    await this.runner.run(
      ownAuthenticator(account, {
        type: 'ChangeNoticePreference',
        data: { accountId: account.accountId, notice, enabled },
      }),
    );
    return { notice, enabled };
  }
}
