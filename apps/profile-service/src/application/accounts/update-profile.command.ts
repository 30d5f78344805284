import { Command } from '@nestjs/cqrs';
import type { ProfileChanges } from '../../domain';
import type { Caller } from '../shared/caller';
import type { AccountView } from './account-view';

/** PATCH /accounts/me: only the fields present are considered. */
export class UpdateProfileCommand extends Command<AccountView> {
  constructor(
    readonly caller: Caller,
    readonly changes: ProfileChanges,
  ) {
    super();
  }
}
