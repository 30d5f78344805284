import { Command } from '@nestjs/cqrs';
import type { SignInTokens } from './sign-in-answers';

/** POST /auth/login/:challengeId { recoveryCode }: a recovery code instead of the second factor. */
export class AnswerWithRecoveryCodeCommand extends Command<
  SignInTokens & { recoveryCodesLeft: number }
> {
  constructor(
    readonly challengeId: string,
    readonly recoveryCode: string,
  ) {
    super();
  }
}
