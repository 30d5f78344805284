import { SqliteEventStore } from '@accounts/event-store';
import { join } from 'node:path';
import { defineProjection } from './projection';
import { ReadModelDatabase } from './read-model-database';
import {
  accountDirectory,
  accountsView,
  emailChanged,
  metadata,
  registered,
  sandbox,
  type Sandbox,
  startRunner,
} from '../test/fixtures';

/** credentials-service's view: which accounts are disabled (their keys stop working). */
const disabledAccounts = defineProjection({
  name: 'disabled_accounts',
  version: 1,
  tables: ['disabled_accounts'],
  filter: { streamPrefixes: ['account-'], eventTypes: ['AccountDisabled', 'AccountEnabled'] },
  schema: (t) => `CREATE TABLE ${t.disabled_accounts} (account_id TEXT PRIMARY KEY)`,
  apply(event, tx) {
    const { accountId } = event.data as { accountId: string };
    if (event.type === 'AccountDisabled')
      tx.run(`INSERT OR IGNORE INTO ${tx.table.disabled_accounts} VALUES (?)`, accountId);
    else tx.run(`DELETE FROM ${tx.table.disabled_accounts} WHERE account_id = ?`, accountId);
  },
});

describe('the embedded bus: services read other services’ streams in the shared store', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  it('profile writes; auth-service and credentials-service read models follow from their own store handles', async () => {
    // Each service opens the shared store file itself, as separate processes do.
    const authStore = new SqliteEventStore({ path: box.storePath, pollIntervalMs: 10 });
    const credentialsStore = new SqliteEventStore({ path: box.storePath, pollIntervalMs: 10 });
    const authReads = new ReadModelDatabase({ path: join(box.dir, 'auth-service-read.sqlite') });
    const credentialsReads = ReadModelDatabase.forService(box.dir, 'credentials-service');
    const auth = await startRunner(authStore, authReads, [accountDirectory()]);
    const credentials = await startRunner(credentialsStore, credentialsReads, [disabledAccounts]);

    const profile = box.store;
    await profile.append(
      'organization-o1',
      [{ type: 'OrganizationCreated', data: { orgId: 'o1' }, metadata: { ...metadata } }],
      'no_stream',
    );
    await profile.append(
      'account-u1',
      [registered('u1'), emailChanged('u1', 'ann@example.com')],
      'no_stream',
    );
    await profile.append('account-u2', [registered('u2')], 'no_stream');
    await authStore.append(
      'authenticator-u1',
      [{ type: 'PasswordSet', data: { accountId: 'u1' } }],
      'no_stream',
    );
    const { position } = await profile.append(
      'account-u2',
      [{ type: 'AccountDisabled', data: { accountId: 'u2' }, metadata: { ...metadata } }],
      0,
    );

    expect(await auth.waitForPosition(position, 5000)).toBe(true);
    expect(await credentials.waitForPosition(position, 5000)).toBe(true);
    expect(accountsView(authReads)).toEqual([
      { account_id: 'u1', email: 'ann@example.com', changes: 2 },
      { account_id: 'u2', email: 'u2@example.com', changes: 1 },
    ]);
    expect(credentialsReads.all('SELECT account_id FROM disabled_accounts')).toEqual([
      { account_id: 'u2' },
    ]);
    expect(credentialsReads.path).toBe(join(box.dir, 'credentials-service-read.sqlite'));

    await Promise.all([auth.stop(), credentials.stop()]);
    await Promise.all([authStore.close(), credentialsStore.close()]);
    authReads.close();
    credentialsReads.close();
  });
});
