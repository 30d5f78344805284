import { Command } from '@nestjs/cqrs';
import type { ChallengeAnswerBody } from './sign-in-answers';

/** POST /auth/login/:challengeId/resend: a new code replaces the old one; wrong guesses still count. */
export class ResendCodeCommand extends Command<ChallengeAnswerBody> {
  constructor(readonly challengeId: string) {
    super();
  }
}
