import { CommandRunner } from '@accounts/event-sourcing';
import type { Principal } from '@accounts/security';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecoveryCodePolicy } from '../../domain';
import { OwnAccount } from '../shared/own-account';
import { RecoveryCodeSets } from './recovery-code-sets';
import { RegenerateRecoveryCodesCommand } from './regenerate-recovery-codes.command';

/** Only after a recent sign-in (the domain refuses otherwise, 403): a stolen session gets no codes. */
@CommandHandler(RegenerateRecoveryCodesCommand)
export class RegenerateRecoveryCodesHandler
  implements ICommandHandler<RegenerateRecoveryCodesCommand>
{
  constructor(
    private readonly runner: CommandRunner,
    private readonly own: OwnAccount,
    private readonly sets: RecoveryCodeSets,
  ) {}

  execute({
    caller,
  }: RegenerateRecoveryCodesCommand): Promise<{ codes: string[]; remaining: number }> {
    const account = this.own.of(caller);
    return this.sets.generate(account, signedInRecently(caller, this.runner.now()));
  }
}

/** The caller signed in (password and second factor) at most 15 minutes ago (the token's auth_time). */
function signedInRecently(caller: Principal, now: Date): boolean {
  return (
    caller.kind === 'user' &&
    now.getTime() - caller.authTime * 1000 <= RecoveryCodePolicy.recentSignInSeconds * 1000
  );
}
