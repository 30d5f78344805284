import { Command } from '@nestjs/cqrs';

/** The account a forgotten password belongs to, by one of these (the controller checks it is one). */
export interface ResetRequester {
  readonly userName?: string;
  readonly email?: string;
}

/** POST /auth/password-reset { userName | email }: always the same answer, after the same time. */
export class RequestPasswordResetCommand extends Command<void> {
  constructor(readonly who: ResetRequester) {
    super();
  }
}
