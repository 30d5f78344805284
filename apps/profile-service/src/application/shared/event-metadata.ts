import type { Actor, EventMetadata } from '@accounts/contracts';
import type { Principal } from '@accounts/security';
import type { RequestContext } from '@accounts/service-kit';

/** A request is the cause of the events it appends, so causationId is its correlationId. */
export function eventMetadata(request: RequestContext, actor: Actor, orgId: string): EventMetadata {
  return {
    correlationId: request.correlationId,
    causationId: request.correlationId,
    actor,
    orgId,
    ...(request.ip && { ip: request.ip }),
    ...(request.userAgent && { userAgent: request.userAgent }),
  };
}

/**
 * `admin` when an administrator acts on others or on the organization, `user` on one's own profile;
 * an API credential stays `api` whatever it does.
 */
export function actorOf(principal: Principal, role: 'user' | 'admin'): Actor {
  // An API token's sessionId is its credential id: audit history names the credential that acted.
  if (principal.kind === 'api') return { kind: 'api', accountId: principal.accountId, credentialId: principal.sessionId };
  return { kind: role, accountId: principal.accountId };
}
