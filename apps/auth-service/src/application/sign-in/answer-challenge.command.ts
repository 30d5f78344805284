import { Command } from '@nestjs/cqrs';
import type { SignInTokens } from './sign-in-answers';

/** POST /auth/login/:challengeId { code[, method] }: the second factor, or the proof of one being set up. */
export class AnswerChallengeCommand extends Command<SignInTokens & { recoveryCodes?: string[] }> {
  constructor(
    readonly challengeId: string,
    readonly code: string,
    /** During enrollment: which pending factor the code proves (email/sms "every time"). */
    readonly enrollmentMethod?: string,
  ) {
    super();
  }
}
