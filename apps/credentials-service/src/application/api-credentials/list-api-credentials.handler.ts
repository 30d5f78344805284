import { DomainError } from '@accounts/event-sourcing';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type CredentialPolicy, hasExpired } from '../../domain';
import { KeyStatusQueries } from '../../projections/key-status.queries';
import { LastUsedRecorder } from '../../projections/last-used-recorder';
import { CallerFacts } from '../shared/caller-facts';
import { type Clock } from '@accounts/event-sourcing';
import { CLOCK } from '@accounts/service-kit';
import { CREDENTIAL_POLICY } from '../shared/credential-policy';
import type { ApiCredentialList, ApiCredentialView } from './api-credential-view';
import { ListApiCredentialsQuery } from './list-api-credentials.query';

@QueryHandler(ListApiCredentialsQuery)
export class ListApiCredentialsHandler implements IQueryHandler<ListApiCredentialsQuery> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDENTIAL_POLICY) private readonly policy: CredentialPolicy,
    private readonly keys: KeyStatusQueries,
    private readonly lastUsed: LastUsedRecorder,
    private readonly callers: CallerFacts,
  ) {}

  async execute({ caller, accountId }: ListApiCredentialsQuery): Promise<ApiCredentialList> {
    const target = accountId ?? caller.accountId;
    if (target !== caller.accountId && !this.callers.administers(caller, target)) {
      // Another organization's account and a missing one look the same.
      throw new DomainError('not_found', 'CREDENTIALS-account-not-found', 'Account not found');
    }
    const now = this.clock();
    const credentials = this.keys.listForAccount(target).map(
      (row): ApiCredentialView => ({
        id: row.credential_id,
        name: row.name,
        clientId: row.client_id,
        status:
          row.status === 'revoked'
            ? 'revoked'
            : hasExpired(row.expires_at, now)
              ? 'expired'
              : 'active',
        scopes: row.scopes.split(' ').filter(Boolean),
        createdAt: row.created_at,
        lastRegeneratedAt: row.regenerated_at,
        lastUsedAt: latest(this.lastUsed.pendingFor(row.credential_id), row.last_used_at),
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
      }),
    );
    return { accountId: target, maxCredentials: this.policy.maxCredentials, credentials };
  }
}

function latest(a: string | null | undefined, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
