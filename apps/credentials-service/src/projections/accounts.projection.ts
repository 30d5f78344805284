import { defineProjection } from '@accounts/projections';
import { ACCOUNT_EVENT_TYPES, applyAccountEvent } from './account-events.apply';

export const ACCOUNTS = 'accounts';

/**
 * What credentials-service knows of accounts, from profile-service's events: organization,
 * account type (administrator checks) and enabled/disabled (a disabled account's keys stop working).
 * Fed by event id, not position, so the same projection can later be fed from Kafka.
 */
export const accountsProjection = defineProjection({
  name: ACCOUNTS,
  version: 1,
  tables: ['accounts'],
  filter: { streamPrefixes: ['account-'], eventTypes: [...ACCOUNT_EVENT_TYPES] },
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
