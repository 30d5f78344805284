import type { EventMetadata } from '@accounts/contracts';
import { Logger } from '@nestjs/common';
import { handleCommand } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { userNameDecider, userNameStreamId } from '../../domain';

type Store = Pick<EventStore, 'readStream' | 'append'>;

/**
 * Claims `username-<lower>` for the account. Two accounts racing for one name both expect the same
 * revision; the store takes one append, the other is decided again and gets PROFILE-user-name-taken (409).
 * Returns the position of the reservation, 0 when the account already held the name.
 */
export async function reserveUserName(
  store: Store,
  userName: string,
  accountId: string,
  metadata: EventMetadata,
): Promise<number> {
  const result = await handleCommand(store, {
    streamId: userNameStreamId(userName),
    decider: userNameDecider,
    command: { type: 'ReserveUserName', data: { userName, accountId } },
    metadata,
  });
  return result.position;
}

/** Frees the name if the account holds it (a no-op otherwise, so a retry is harmless). */
export async function releaseUserName(
  store: Store,
  userName: string,
  accountId: string,
  metadata: EventMetadata,
): Promise<void> {
  await handleCommand(store, {
    streamId: userNameStreamId(userName),
    decider: userNameDecider,
    command: { type: 'ReleaseUserName', data: { userName, accountId } },
    metadata,
  });
}

const logger = new Logger('UserNames');

/**
 * Reserves the name, then runs the writes that use it; if they fail, the name is freed again and
 * their error is what the caller gets.
 */
export async function withReservedUserName<T>(
  store: Store,
  reservation: { readonly userName: string; readonly accountId: string; readonly metadata: EventMetadata },
  write: () => Promise<T>,
): Promise<T> {
  const { userName, accountId, metadata } = reservation;
  await reserveUserName(store, userName, accountId, metadata);
  try {
    return await write();
  } catch (error) {
    await releaseUserName(store, userName, accountId, metadata).catch((releaseError: unknown) =>
      // The name stays held by an account that was never written: visible in the log, fixable by hand.
      logger.error({ err: releaseError, userName, accountId }, 'Could not free a user name after a failed write'),
    );
    throw error;
  }
}
