import type { Actor } from '@accounts/contracts';
import type { Principal } from '@accounts/security';

/** Who a use case's events name as their cause; the CommandRunner adds the request's metadata. */
export interface Acting {
  readonly actor: Actor;
  readonly orgId: string;
}

/**
 * `admin` when an administrator acts on others or on the organization, `user` on one's own profile;
 * an API credential stays `api` whatever it does.
 */
export function actorOf(principal: Principal, role: 'user' | 'admin'): Actor {
  // An API token's sessionId is its credential id: audit history names the credential that acted.
  if (principal.kind === 'api')
    return { kind: 'api', accountId: principal.accountId, credentialId: principal.sessionId };
  return { kind: role, accountId: principal.accountId };
}
