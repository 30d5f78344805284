import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { RecoveryCodeSets } from '../recovery-codes/recovery-code-sets';
import { SecretBox } from '../shared/secrets';
import { checkTotp } from '../shared/totp';
import { ConfirmAuthenticatorCommand } from './confirm-authenticator.command';
import { OwnAccount } from '../shared/own-account';

@CommandHandler(ConfirmAuthenticatorCommand)
export class ConfirmAuthenticatorHandler implements ICommandHandler<ConfirmAuthenticatorCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly own: OwnAccount,
    private readonly box: SecretBox,
    private readonly recovery: RecoveryCodeSets,
  ) {}

  async execute({
    caller,
    code,
  }: ConfirmAuthenticatorCommand): Promise<{ method: string; recoveryCodes?: string[] }> {
    const now = this.runner.now();
    const account = this.own.of(caller);
    const state = await this.auth.authenticator(account.accountId);
    const secret = state.pendingTotp ? this.box.decrypt(state.pendingTotp.encryptedSecret) : null;
    const totp = secret ? await checkTotp(secret, code, now) : { valid: false };
    const result = await this.runner.run({
      ...ownAuthenticator(account, {
        type: 'ConfirmAuthenticator',
        data: { accountId: account.accountId, totpValid: totp.valid },
      }),
      now,
    });
    // The authenticator is set up: its recovery codes, shown this once (none if a set exists).
    const recoveryCodes = await this.recovery.firstSet(account);
    return { method: result.state.method, ...(recoveryCodes && { recoveryCodes }) };
  }
}
