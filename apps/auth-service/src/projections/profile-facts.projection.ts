import { defineProjection } from '@accounts/projections';
import {
  applyProfileFact,
  PROFILE_FACT_TYPES,
  profileFactsSchema,
  type ProfileFactsTable,
} from './profile-facts.apply';

export const PROFILE_FACTS = 'profile_facts';

/**
 * profile-service's public events, from the shared store (embedded) or accounts.profile.v2
 * (PROFILE_EVENTS_SOURCE=kafka). Idempotent by eventId: Kafka delivers at least once.
 * Version 2: public events (no activation columns, timeouts from seconds).
 */
export const profileFactsProjection = defineProjection<ProfileFactsTable>({
  name: PROFILE_FACTS,
  version: 2,
  tables: ['profile_accounts', 'profile_orgs', 'profile_org_admins'],
  filter: { eventTypes: [...PROFILE_FACT_TYPES] },
  idempotency: 'eventId',
  schema: profileFactsSchema,
  apply: (event, tx) => applyProfileFact(event.type, event.data as Record<string, unknown>, tx),
});
