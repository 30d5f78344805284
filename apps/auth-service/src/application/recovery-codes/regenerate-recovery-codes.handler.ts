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
    principal,
  }: RegenerateRecoveryCodesCommand): Promise<{ codes: string[]; remaining: number }> {
    const account = this.own.of(principal);
    return this.sets.generate(account, signedInRecently(principal, this.runner.now()));
  }
}

/** The caller signed in (password and second factor) at most 15 minutes ago (the token's auth_time). */
function signedInRecently(principal: Principal, now: Date): boolean {
  return (
    principal.kind === 'user' &&
    now.getTime() - principal.authTime * 1000 <= RecoveryCodePolicy.recentSignInSeconds * 1000
  );
}
