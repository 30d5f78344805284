import type { CommandRunner } from '@accounts/event-sourcing';
import { Logger } from '@nestjs/common';
import { userNameDecider, userNameStreamId } from '../../domain';
import type { Acting } from './actor-of';

/**
 * Claims `username-<lower>` for the account. Two accounts racing for one name both expect the same
 * revision; the store takes one append, the other is decided again and gets PROFILE-user-name-taken (409).
 * Returns the position of the reservation, 0 when the account already held the name.
 */
export async function reserveUserName(
  runner: CommandRunner,
  userName: string,
  accountId: string,
  acting: Acting,
): Promise<number> {
  const result = await runner.run({
    streamId: userNameStreamId(userName),
    decider: userNameDecider,
    command: { type: 'ReserveUserName', data: { userName, accountId } },
    ...acting,
    // The account write that follows is the one the caller reads.
    waitFor: false,
  });
  return result.position;
}

/** Frees the name if the account holds it (a no-op otherwise, so a retry is harmless). */
export async function releaseUserName(
  runner: CommandRunner,
  userName: string,
  accountId: string,
  acting: Acting,
): Promise<void> {
  await runner.run({
    streamId: userNameStreamId(userName),
    decider: userNameDecider,
    command: { type: 'ReleaseUserName', data: { userName, accountId } },
    ...acting,
    waitFor: false,
  });
}

const logger = new Logger('UserNames');

/**
 * Reserves the name, then runs the writes that use it; if they fail, the name is freed again and
 * their error is what the caller gets.
 */
export async function withReservedUserName<T>(
  runner: CommandRunner,
  reservation: { readonly userName: string; readonly accountId: string; readonly acting: Acting },
  write: () => Promise<T>,
): Promise<T> {
  const { userName, accountId, acting } = reservation;
  await reserveUserName(runner, userName, accountId, acting);
  try {
    return await write();
  } catch (error) {
    await releaseUserName(runner, userName, accountId, acting).catch((releaseError: unknown) =>
      // The name stays held by an account that was never written: visible in the log, fixable by hand.
      logger.error(
        { err: releaseError, userName, accountId },
        'Could not free a user name after a failed write',
      ),
    );
    throw error;
  }
}
