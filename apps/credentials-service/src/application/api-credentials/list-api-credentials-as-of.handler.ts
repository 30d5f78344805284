import { apiCredentialsStreamId, type CredentialsEvent } from '@accounts/contracts';
import { DomainError, readStreamAsOf } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  evolveApiCredentials,
  hasExpired,
  initialApiCredentialsState,
  type CredentialPolicy,
} from '../../domain';
import { CallerFacts } from '../shared/caller-facts';
import { CREDENTIAL_POLICY } from '../shared/credential-policy';
import type { ApiCredentialList, ApiCredentialView } from './api-credential-view';
import { ListApiCredentialsAsOfQuery } from './list-api-credentials-as-of.query';

/**
 * Status comes from the aggregate's own evolve over the events up to the instant; the times from those
 * events. "Last used" is not event-sourced (batched writes), so the past cannot tell it: null.
 */
@QueryHandler(ListApiCredentialsAsOfQuery)
export class ListApiCredentialsAsOfHandler implements IQueryHandler<ListApiCredentialsAsOfQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CREDENTIAL_POLICY) private readonly policy: CredentialPolicy,
    private readonly callers: CallerFacts,
  ) {}

  async execute({
    caller,
    accountId,
    instant,
  }: ListApiCredentialsAsOfQuery): Promise<ApiCredentialList> {
    if (!this.callers.administers(caller, accountId) && caller.accountId !== accountId) {
      throw new DomainError('not_found', 'CREDENTIALS-account-not-found', 'Account not found');
    }
    if (caller.accountId === accountId && !this.callers.administers(caller, accountId)) {
      throw new DomainError(
        'forbidden',
        'CREDENTIALS-administrator-required',
        'Only an administrator reads credentials as they were',
      );
    }
    const events = await readStreamAsOf(this.store, apiCredentialsStreamId(accountId), instant);
    let state = initialApiCredentialsState();
    const times = new Map<
      string,
      { createdAt: string; regeneratedAt: string | null; revokedAt: string | null }
    >();
    for (const event of events) {
      state = evolveApiCredentials(state, event as unknown as CredentialsEvent);
      const id = (event.data as { credentialId: string }).credentialId;
      const seen = times.get(id) ?? {
        createdAt: event.occurredAt,
        regeneratedAt: null,
        revokedAt: null,
      };
      if (event.type === 'ApiCredentialRegenerated') seen.regeneratedAt = event.occurredAt;
      if (event.type === 'ApiCredentialRevoked') seen.revokedAt = event.occurredAt;
      times.set(id, seen);
    }
    const at = new Date(instant);
    const credentials = Object.values(state.credentials)
      .sort((a, b) => {
        const [x, y] = [times.get(a.credentialId)!.createdAt, times.get(b.credentialId)!.createdAt];
        return x < y ? -1 : x > y ? 1 : a.credentialId < b.credentialId ? -1 : 1;
      })
      .map((credential): ApiCredentialView => {
        const t = times.get(credential.credentialId)!;
        return {
          id: credential.credentialId,
          name: credential.name,
          clientId: credential.clientId,
          scopes: credential.scopes,
          status:
            credential.status === 'revoked'
              ? 'revoked'
              : hasExpired(credential.expiresAt, at)
                ? 'expired'
                : 'active',
          createdAt: t.createdAt,
          lastRegeneratedAt: t.regeneratedAt,
          lastUsedAt: null,
          expiresAt: credential.expiresAt,
          revokedAt: t.revokedAt,
        };
      });
    return { accountId, maxCredentials: this.policy.maxCredentials, credentials };
  }
}
