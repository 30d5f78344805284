import { DomainError, loadAggregateAsOf, notFound } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  authenticatorDecider,
  authenticatorStreamId,
  sessionDecider,
  sessionStreamId,
} from '../../domain';
import { ReadModels } from '../../projections/read-models';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import {
  type AccountSecurityAsOf,
  GetAccountSecurityAsOfQuery,
} from './get-account-security-as-of.query';

/**
 * GET /auth/accounts/:id/security[?at=]: the authenticator and session streams folded by their own
 * evolve up to the instant (now when absent), so the past and the present come from the same code.
 */
@QueryHandler(GetAccountSecurityAsOfQuery)
export class GetAccountSecurityAsOfHandler implements IQueryHandler<GetAccountSecurityAsOfQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly profiles: ProfileFacts,
    private readonly readModels: ReadModels,
  ) {}

  async execute({
    caller,
    accountId,
    instant,
  }: GetAccountSecurityAsOfQuery): Promise<AccountSecurityAsOf> {
    if (caller.kind !== 'user' || !this.profiles.isAdministrator(caller.orgId, caller.accountId)) {
      throw new DomainError(
        'forbidden',
        'AUTH-administrator-required',
        "Only an administrator of the organization reads another account's sign-in settings",
      );
    }
    const target = this.profiles.byId(accountId);
    if (!target || target.orgId !== caller.orgId)
      throw notFound('AUTH-account-not-found', 'Account not found');
    const { state } = await loadAggregateAsOf(
      this.store,
      authenticatorStreamId(accountId),
      authenticatorDecider,
      instant,
    );
    const at = new Date(instant).toISOString();
    // The session list read model knows which session streams are the account's; each stream says how it stood then.
    const sessionIds = this.readModels.database
      .all<{
        session_id: string;
      }>(
        'SELECT session_id FROM sessions WHERE account_id = ? AND started_at <= ? ORDER BY started_at, session_id',
        accountId,
        at,
      )
      .map((row) => row.session_id);
    const sessions = await Promise.all(
      sessionIds.map((id) =>
        loadAggregateAsOf(this.store, sessionStreamId(id), sessionDecider, instant),
      ),
    );
    return {
      accountId,
      method: state.method,
      authenticatorEnrolled: state.totp !== null,
      passwordSet: state.passwordHash !== null,
      trustedDevices: state.trustedDevices
        .filter((device) => !device.revoked && Date.parse(device.expiresAt) > instant)
        .map((device) => ({
          id: device.deviceId,
          label: device.label,
          ip: device.ip,
          addedAt: device.addedAt,
          expiresAt: device.expiresAt,
        })),
      openSessions: sessions.flatMap(({ state: session }) =>
        session.status === 'active' && Date.parse(session.absoluteExpiresAt) > instant
          ? [
              {
                id: session.sessionId,
                lastActiveAt: session.lastActivityAt,
                absoluteExpiresAt: session.absoluteExpiresAt,
              },
            ]
          : [],
      ),
    };
  }
}
