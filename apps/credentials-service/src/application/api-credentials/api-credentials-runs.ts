import { apiCredentialsStreamId } from '@accounts/contracts';
import type { Principal } from '@accounts/security';
import { type ApiCredentialsCommand, apiCredentialsDecider } from '../../domain';

/**
 * A command of an account's `apicredentials-<accountId>` stream: the caller acts as `user` on their
 * own credentials and as `admin` on someone else's, for the owner's organization.
 */
export function apiCredentialsOf(caller: Principal, command: ApiCredentialsCommand, orgId: string) {
  const { accountId } = command.data;
  return {
    streamId: apiCredentialsStreamId(accountId),
    decider: apiCredentialsDecider,
    command,
    actor: {
      kind: caller.accountId === accountId ? ('user' as const) : ('admin' as const),
      accountId: caller.accountId,
    },
    orgId,
  };
}
