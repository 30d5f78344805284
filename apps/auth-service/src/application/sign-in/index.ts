import { AnswerChallengeHandler } from './answer-challenge.handler';
import { AnswerWithRecoveryCodeHandler } from './answer-with-recovery-code.handler';
import { ChooseEnrollmentHandler } from './choose-enrollment.handler';
import { LoginHandler } from './login.handler';
import { PasswordRehash } from './password-rehash';
import { ResendCodeHandler } from './resend-code.handler';
import { SignInCodes } from './sign-in-codes';
import { SignInCompletion } from './sign-in-completion';
import { SignInEnrollment } from './sign-in-enrollment';

/** POST /auth/login and what follows it: one handler per use case, and the steps they share. */
export const signInHandlers = [
  LoginHandler,
  AnswerChallengeHandler,
  AnswerWithRecoveryCodeHandler,
  ResendCodeHandler,
  ChooseEnrollmentHandler,
  SignInEnrollment,
  SignInCompletion,
  SignInCodes,
  PasswordRehash,
];
