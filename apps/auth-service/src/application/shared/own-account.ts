import type { Principal } from '@accounts/security';
import { Injectable } from '@nestjs/common';
import { notFound } from '@accounts/event-sourcing';
import { type AccountFacts, ProfileFacts } from '../../projections/profile-facts.queries';

/** The caller's own account, as the profile facts know it; another organization's is unknown (404). */
@Injectable()
export class OwnAccount {
  constructor(private readonly profiles: ProfileFacts) {}

  of(principal: Principal): AccountFacts {
    const account = this.profiles.byId(principal.accountId);
    if (!account || account.orgId !== principal.orgId)
      throw notFound('AUTH-account-not-found', 'No such account');
    return account;
  }
}
