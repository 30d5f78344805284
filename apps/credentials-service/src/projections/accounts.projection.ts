import { defineProjection } from '@accounts/projections';
import { ACCOUNT_EVENT_TYPES, applyAccountEvent } from './account-events.apply';

export const ACCOUNTS = 'accounts';

/**
 * What credentials-service knows of accounts, from profile-service's public events (shared store or
 * accounts.profile.v2): organization, account type (administrator checks) and enabled/disabled (a
 * disabled account's keys stop working). By event id, not position: Kafka delivers at least once.
 * Version 2: public events, filtered by type only (they have no stream).
 */
export const accountsProjection = defineProjection({
  name: ACCOUNTS,
  version: 2,
  tables: ['accounts'],
  filter: { eventTypes: [...ACCOUNT_EVENT_TYPES] },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.accounts} (
      account_id   TEXT PRIMARY KEY,
      org_id       TEXT NOT NULL,
      account_type TEXT NOT NULL,
      status       TEXT NOT NULL CHECK (status IN ('enabled', 'disabled'))
    );`,
  apply: applyAccountEvent,
});
