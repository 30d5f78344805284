import type { EventMetadata } from '@accounts/contracts';
import { isWrongExpectedVersion } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';

/**
 * A singleton stream whose first event marks that the server has an organization. Two first
 * organizations racing both append with 'no_stream'; the store takes exactly one.
 */
export const FIRST_ORGANIZATION_STREAM = 'organizations-bootstrap';
export const FIRST_ORGANIZATION_CLAIMED = 'FirstOrganizationClaimed';

type Store = Pick<EventStore, 'readStream' | 'append'>;

export async function serverHasOrganization(store: Store): Promise<boolean> {
  return (await store.readStream(FIRST_ORGANIZATION_STREAM, { maxCount: 1 })).length > 0;
}

/** True when this organization is the server's first; false when another one got there first. */
export async function claimFirstOrganization(
  store: Store,
  orgId: string,
  metadata: EventMetadata,
): Promise<boolean> {
  try {
    await store.append(
      FIRST_ORGANIZATION_STREAM,
      [{ type: FIRST_ORGANIZATION_CLAIMED, data: { orgId }, metadata: { ...metadata } }],
      'no_stream',
    );
    return true;
  } catch (error) {
    if (isWrongExpectedVersion(error)) return false;
    throw error;
  }
}
