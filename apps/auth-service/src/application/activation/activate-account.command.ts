import { Command } from '@nestjs/cqrs';

/** POST /auth/activate: the first password, with the token of the activation link. */
export class ActivateAccountCommand extends Command<{ accountId: string }> {
  constructor(
    readonly token: string,
    readonly password: string,
  ) {
    super();
  }
}
