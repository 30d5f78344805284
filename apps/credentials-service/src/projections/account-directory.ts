import { Injectable } from '@nestjs/common';
import { ReadModels } from './read-models';

export interface AccountRow {
  readonly account_id: string;
  readonly org_id: string;
  readonly account_type: string;
  readonly status: 'enabled' | 'disabled';
}

/** The accounts read model: organization, type and status of every account, from profile events. */
@Injectable()
export class AccountDirectory {
  constructor(private readonly readModels: ReadModels) {}

  get(accountId: string): AccountRow | undefined {
    return this.readModels.database.get<AccountRow>(
      'SELECT * FROM accounts WHERE account_id = ?',
      accountId,
    );
  }
}
