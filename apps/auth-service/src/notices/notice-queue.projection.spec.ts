import { AuthenticationEventSchemaVersions, ProfileEventSchemaVersions } from '@accounts/contracts';
import { type RecordedEvent, SqliteEventStore, type SubscribeOptions } from '@accounts/event-store';
import { toNewEvent } from '@accounts/event-sourcing';
import {
  type EventSource,
  ProjectionRunner,
  ReadModelDatabase,
  type SourceSubscription,
} from '@accounts/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noticeQueueProjection } from './notice-queue.projection';

/** At-least-once like Kafka: every stored event delivered twice, then waits. */
function deliveringTwice(store: SqliteEventStore): EventSource {
  return {
    headPosition: () => store.headPosition(),
    subscribe(options: SubscribeOptions): SourceSubscription {
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      async function* deliver(): AsyncGenerator<RecordedEvent> {
        for (const event of await store.readAll({
          fromPosition: options.fromPosition,
          filter: options.filter,
          maxCount: 10_000,
        })) {
          yield event;
          yield event;
        }
        options.onCaughtUp?.();
        await stopped;
      }
      const iterator = deliver();
      return {
        [Symbol.asyncIterator]: () => iterator,
        stop: async () => stop(),
      };
    },
  };
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36';

describe('notice queue (projection of the notices reactor)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let database: ReadModelDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notice-queue-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    database = new ReadModelDatabase({ path: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    database.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const metadata = {
    correlationId: 'c',
    causationId: 'c',
    actor: { kind: 'user' as const, accountId: 'acc-1' },
  };
  const append = (streamId: string, type: string, data: object) =>
    store.append(streamId, [
      toNewEvent({ type, data } as never, metadata, AuthenticationEventSchemaVersions as never),
    ]);
  const sessionStarted = (sessionId: string, userAgent: string, ip: string) =>
    append(`session-${sessionId}`, 'SessionStarted', {
      sessionId,
      accountId: 'acc-1',
      orgId: 'org-1',
      signinId: `signin-of-${sessionId}`,
      refreshTokenSha256: 'ab'.repeat(32),
      amr: ['pwd'],
      ip,
      userAgent,
      idleTimeoutSeconds: 1800,
      startedAt: new Date().toISOString(),
      absoluteExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });

  async function queued(
    projection: typeof noticeQueueProjection = noticeQueueProjection,
  ): Promise<{ message: string; data: string }[]> {
    const runner = new ProjectionRunner({
      database,
      source: deliveringTwice(store),
      projections: [projection],
      batchMs: 5,
    });
    await runner.start();
    expect(await runner.waitForPosition(await store.headPosition(), 5000)).toBe(true);
    await runner.settled();
    await runner.stop();
    return database.all('SELECT message, data FROM notice_queue ORDER BY position');
  }
  /** A profile-service event, as `actor` made it. */
  const appendProfile = (
    streamId: string,
    type: string,
    data: object,
    actor: { kind: 'user' | 'admin' | 'system'; accountId?: string },
  ) =>
    store.append(streamId, [
      toNewEvent(
        { type, data } as never,
        { correlationId: 'c', causationId: 'c', actor },
        ProfileEventSchemaVersions as never,
      ),
    ]);

  it('queues each event once although it is delivered twice', async () => {
    await append('authenticator-acc-1', 'PasswordChanged', {
      accountId: 'acc-1',
      passwordHash: '$argon2id$x',
      endOtherSessions: false,
    });
    await append('authenticator-acc-1', 'AuthenticatorReset', {
      accountId: 'acc-1',
      by: 'admin-1',
      reason: 'lost phone',
    });
    expect(await queued()).toEqual([
      { message: 'password-changed', data: '{}' },
      {
        message: 'authenticator-reset',
        data: JSON.stringify({ reason: 'lost phone' }),
      },
    ]);
  });

  it('tells of a sign-in from a computer not seen before, not of the first sign-in ever or a known computer', async () => {
    await sessionStarted('s1', FIREFOX, '192.0.2.1');
    await sessionStarted('s2', FIREFOX, '192.0.2.1');
    await sessionStarted('s3', CHROME, '203.0.113.9');
    const rows = await queued();
    expect(rows).toHaveLength(1);
    expect(rows[0].message).toBe('new-sign-in');
    expect(JSON.parse(rows[0].data)).toEqual({
      ip: '203.0.113.9',
      browser: 'Chrome on Windows',
      at: expect.any(String),
    });
  });

  it('keeps no secret: a reset link is queued with its id and expiry only', async () => {
    await append('authenticator-acc-1', 'PasswordResetRequested', {
      accountId: 'acc-1',
      resetId: 'r-1',
      tokenSha256: 'f'.repeat(64),
      requestedAt: new Date().toISOString(),
      expiresAt: new Date().toISOString(),
    });
    const [row] = await queued();
    expect(row.message).toBe('password-reset-link');
    expect(row.data).not.toContain('f'.repeat(64));
  });

  it("queues profile-service's security changes once each, with who made them and never the phone number", async () => {
    const admin = { kind: 'admin' as const, accountId: 'admin-1' };
    // Not a security change: no notice.
    await appendProfile(
      'account-acc-1',
      'AccountFirstNameChanged',
      { accountId: 'acc-1', from: 'Jane', to: 'Janet' },
      admin,
    );
    await appendProfile(
      'account-acc-1',
      'AccountMobilePhoneChanged',
      { accountId: 'acc-1', from: null, to: '+33612345678' },
      { kind: 'user', accountId: 'acc-1' },
    );
    await appendProfile(
      'account-acc-1',
      'AccountTypeChanged',
      { accountId: 'acc-1', from: 'standard', to: 'read-only' },
      admin,
    );
    await appendProfile(
      'account-acc-1',
      'AccountGroupRestrictionChanged',
      { accountId: 'acc-1', from: { kind: 'all' }, to: { kind: 'groups', groups: ['Lyon'] } },
      admin,
    );
    await appendProfile(
      'account-acc-1',
      'AccountDisabled',
      { accountId: 'acc-1', reason: 'Left the company' },
      admin,
    );
    await appendProfile('account-acc-1', 'AccountEnabled', { accountId: 'acc-1' }, admin);
    const rows = await queued();
    const by = { kind: 'admin', accountId: 'admin-1' };
    expect(rows.map((row) => ({ message: row.message, data: JSON.parse(row.data) }))).toEqual([
      {
        message: 'mobile-phone-changed',
        data: { from: null, to: '78', by: { kind: 'user', accountId: 'acc-1' } },
      },
      { message: 'account-type-changed', data: { from: 'standard', to: 'read-only', by } },
      {
        message: 'group-restriction-changed',
        data: { from: { kind: 'all' }, to: { kind: 'groups', groups: ['Lyon'] }, by },
      },
      { message: 'account-disabled', data: { reason: 'Left the company', by } },
      { message: 'account-enabled', data: { by } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('612345678');
  });

  it("queues an organization's two-factor change once for each administrator it has at that moment", async () => {
    const system = { kind: 'system' as const };
    const admins = (type: string, accountId: string) =>
      appendProfile('organization-org-1', type, { orgId: 'org-1', accountId }, system);
    await admins('OrganizationAdministratorAdded', 'a1');
    await admins('OrganizationAdministratorAdded', 'a2');
    await admins('OrganizationAdministratorAdded', 'a3');
    await appendProfile(
      'organization-org-2',
      'OrganizationAdministratorAdded',
      { orgId: 'org-2', accountId: 'other-org-admin' },
      system,
    );
    await appendProfile(
      'organization-org-1',
      'OrganizationAdministratorRemoved',
      { orgId: 'org-1', accountId: 'a2', reason: 'demoted' },
      system,
    );
    await appendProfile(
      'organization-org-1',
      'OrganizationTwoFactorRequirementChanged',
      { orgId: 'org-1', from: false, to: true },
      { kind: 'admin', accountId: 'a1' },
    );
    // Made administrator afterwards: not told of a change made before.
    await admins('OrganizationAdministratorAdded', 'a4');
    await queued();
    const [changed] = (await store.readAll({ fromPosition: 0 })).filter(
      (e) => e.type === 'OrganizationTwoFactorRequirementChanged',
    );
    const rows = database.all<{ event_id: string; account_id: string; message: string }>(
      'SELECT event_id, account_id, message FROM notice_queue ORDER BY account_id',
    );
    expect(rows).toEqual([
      {
        event_id: `${changed.eventId}.a1`,
        account_id: 'a1',
        message: 'organization-two-factor-changed',
      },
      {
        event_id: `${changed.eventId}.a3`,
        account_id: 'a3',
        message: 'organization-two-factor-changed',
      },
    ]);
  });

  it('rebuilds (a version bump) under the same keys, which notice_sent holds: nothing is sent again', async () => {
    await append('authenticator-acc-1', 'PasswordChanged', {
      accountId: 'acc-1',
      passwordHash: '$argon2id$x',
      endOtherSessions: false,
    });
    await appendProfile(
      'organization-org-1',
      'OrganizationAdministratorAdded',
      {
        orgId: 'org-1',
        accountId: 'a1',
      },
      { kind: 'system' },
    );
    await appendProfile(
      'organization-org-1',
      'OrganizationTwoFactorRequirementChanged',
      { orgId: 'org-1', from: true, to: false },
      { kind: 'admin', accountId: 'a1' },
    );
    await appendProfile(
      'account-acc-1',
      'AccountDisabled',
      { accountId: 'acc-1' },
      { kind: 'admin', accountId: 'a1' },
    );
    const keys = () =>
      database
        .all<{ event_id: string }>('SELECT event_id FROM notice_queue ORDER BY event_id')
        .map((row) => row.event_id);
    await queued();
    const before = keys();
    expect(before).toHaveLength(3);
    await queued({ ...noticeQueueProjection, version: noticeQueueProjection.version + 1 });
    expect(
      database.get<{ version: number }>(
        "SELECT version FROM projection_checkpoints WHERE name = 'notice_queue' AND live = 1",
      )?.version,
    ).toBe(noticeQueueProjection.version + 1);
    expect(keys()).toEqual(before);
  });
});
