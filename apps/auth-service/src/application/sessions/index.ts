import { EndSessionHandler } from './end-session.handler';
import { RefreshGuesses } from './refresh-guesses';
import { RefreshSessionHandler } from './refresh-session.handler';
import { RevokeRefreshTokenHandler } from './revoke-refresh-token.handler';
import { SessionEnding } from './session-ending';
import { SessionOpening } from './session-opening';
import { SessionStarts } from './session-starts';
import { SignOutHandler } from './sign-out.handler';
import { TokenAnswers } from './token-answers';

/** Sessions after the sign-in: refresh with rotation, sign-out, ending one, RFC 7009 revocation. */
export const sessionHandlers = [
  RefreshSessionHandler,
  RefreshGuesses,
  SignOutHandler,
  EndSessionHandler,
  RevokeRefreshTokenHandler,
  SessionOpening,
  SessionEnding,
  TokenAnswers,
  // One cache per process, shared by the session's start and its refreshes.
  { provide: SessionStarts, useFactory: () => new SessionStarts() },
];
