import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProfileReader } from '../shared/profile-reader';
import type { AccountView } from './account-view';
import { GetMyAccountQuery } from './get-my-account.query';

@QueryHandler(GetMyAccountQuery)
export class GetMyAccountHandler implements IQueryHandler<GetMyAccountQuery> {
  constructor(private readonly reader: ProfileReader) {}

  execute({ principal }: GetMyAccountQuery): Promise<AccountView> {
    return this.reader.account(principal.accountId, principal.orgId);
  }
}
