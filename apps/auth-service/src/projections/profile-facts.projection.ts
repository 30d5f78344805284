import { defineProjection } from '@accounts/projections';
import {
  applyProfileFact,
  profileFactsSchema,
  type ProfileFactsTable,
} from './profile-facts.apply';

export const PROFILE_FACTS = 'profile_facts';

/**
 * The embedded bus: profile events read from the shared store. Idempotent by eventId so the same
 * apply can later be fed at-least-once from Kafka.
 */
export const profileFactsProjection = defineProjection<ProfileFactsTable>({
  name: PROFILE_FACTS,
  // 2: AccountActivationReissued replaces the activation hash.
  version: 2,
  tables: ['profile_accounts', 'profile_orgs', 'profile_org_admins'],
  filter: { streamPrefixes: ['account-', 'organization-'] },
  idempotency: 'eventId',
  schema: profileFactsSchema,
  apply: (event, tx) =>
    applyProfileFact(event.type, event.data as Record<string, unknown>, tx),
});
