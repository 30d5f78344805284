import type { EventMetadata } from '@accounts/contracts';
import type { Principal } from '@accounts/security';
import { currentRequestContext } from '@accounts/service-kit';
import { randomUUID } from 'node:crypto';

/**
 * Metadata of events caused by an HTTP request: who (`user` on their own credentials, `admin` on
 * someone else's), for which organization, from where. The request caused them: causation = correlation.
 */
export function eventMetadata(caller: Principal, ownerAccountId: string, orgId: string): EventMetadata {
  const context = currentRequestContext();
  const correlationId = context?.correlationId ?? randomUUID();
  return {
    correlationId,
    causationId: correlationId,
    actor: { kind: caller.accountId === ownerAccountId ? 'user' : 'admin', accountId: caller.accountId },
    orgId,
    ...(context?.ip && { ip: context.ip }),
    ...(context?.userAgent && { userAgent: context.userAgent }),
  };
}
