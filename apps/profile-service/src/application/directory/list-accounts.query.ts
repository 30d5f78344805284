import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';
import type { DirectoryPageRequest } from '../../projections/account-directory.queries';
import type { LocalTimestamps } from '../shared/local-times';

export interface DirectoryItem extends LocalTimestamps {
  readonly id: string;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly accountType: string;
  readonly enabled: boolean;
}

export interface DirectoryListing {
  readonly items: readonly DirectoryItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** GET /organizations/:orgId/accounts, by an administrator of that organization. */
export class ListAccountsQuery extends Query<DirectoryListing> {
  constructor(
    readonly caller: Principal,
    readonly orgId: string,
    readonly page: DirectoryPageRequest,
  ) {
    super();
  }
}
