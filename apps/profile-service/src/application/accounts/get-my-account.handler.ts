import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProfileReader } from '../shared/profile-reader';
import type { AccountView } from './account-view';
import { GetMyAccountQuery } from './get-my-account.query';

@QueryHandler(GetMyAccountQuery)
export class GetMyAccountHandler implements IQueryHandler<GetMyAccountQuery> {
  constructor(private readonly reader: ProfileReader) {}

  execute({ caller }: GetMyAccountQuery): Promise<AccountView> {
    return this.reader.account(caller.accountId, caller.orgId);
  }
}
