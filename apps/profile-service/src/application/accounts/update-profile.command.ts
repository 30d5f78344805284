import type { Principal } from '@accounts/security';
import { Command } from '@nestjs/cqrs';
import type { ProfileChanges } from '../../domain';
import type { AccountView } from './account-view';

/** PATCH /accounts/me: only the fields present are considered. */
export class UpdateProfileCommand extends Command<AccountView> {
  constructor(
    readonly caller: Principal,
    readonly changes: ProfileChanges,
  ) {
    super();
  }
}
