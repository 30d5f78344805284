import { SqliteEventStore } from '@accounts/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import type { Principal } from '@accounts/security';
import { randomUUID } from 'node:crypto';
import { RevokedTokens } from './revoked-tokens';
import { KEEP_ENDED_SESSIONS_SECONDS, revokedTokensProjection } from './revoked-tokens.projection';

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const metadata = {
  correlationId: 'c',
  causationId: 'c',
  actor: { kind: 'system' as const },
};

describe('revoked tokens read model', () => {
  let store: SqliteEventStore;
  let database: ReadModelDatabase;
  let runner: ProjectionRunner;
  let revoked: RevokedTokens;
  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    database = new ReadModelDatabase({ path: ':memory:' });
    runner = new ProjectionRunner({
      database,
      source: store,
      projections: [revokedTokensProjection],
      logger: silent,
    });
    await runner.start();
    revoked = new RevokedTokens(database);
  });
  afterEach(async () => {
    await runner.stop();
    database.close();
    await store.close();
  });

  const user = (sessionId: string, accountId = 'acc-1'): Principal => ({
    kind: 'user',
    accountId,
    orgId: 'org-1',
    accountType: 'standard',
    sessionId,
    amr: ['pwd'],
    authTime: 0,
  });

  async function append(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    const { position } = await store.append(streamId, [
      { eventId: randomUUID(), type, schemaVersion: 1, data, metadata },
    ]);
    expect(await runner.waitForPosition(position, 2_000)).toBe(true);
  }

  const ended = (sessionId: string, endedAt: string) =>
    append(`session-${sessionId}`, 'SessionEnded', {
      sessionId,
      accountId: 'acc-1',
      reason: 'logout',
      endedAt,
    });

  it('refuses the tokens of an ended session, and only of that session', async () => {
    await ended('s-1', new Date().toISOString());
    expect(revoked.revocationOf(user('s-1'))).toBe('session ended');
    expect(revoked.revocationOf(user('s-2'))).toBeUndefined();
  });

  it('forgets an ended session once no token of it can still be unexpired', async () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    await ended('old', new Date(t0).toISOString());
    await ended('recent', new Date(t0 + (KEEP_ENDED_SESSIONS_SECONDS - 1) * 1000).toISOString());
    expect(revoked.revocationOf(user('old'))).toBe('session ended');
    await ended('later', new Date(t0 + (KEEP_ENDED_SESSIONS_SECONDS + 1) * 1000).toISOString());
    expect(revoked.revocationOf(user('old'))).toBeUndefined();
    expect(revoked.revocationOf(user('recent'))).toBe('session ended');
    expect(database.all('SELECT session_id FROM ended_sessions ORDER BY session_id')).toEqual([
      { session_id: 'later' },
      { session_id: 'recent' },
    ]);
  });

  it('refuses every token of a disabled account, API tokens included, until it is enabled again', async () => {
    await append('account-acc-2', 'AccountDisabled', {
      accountId: 'acc-2',
      reason: 'left',
    });
    expect(revoked.revocationOf(user('s-9', 'acc-2'))).toBe('account disabled');
    expect(revoked.revocationOf({ ...user('credential-1', 'acc-2'), kind: 'api' })).toBe(
      'account disabled',
    );
    expect(revoked.revocationOf(user('s-9', 'acc-1'))).toBeUndefined();
    await append('account-acc-2', 'AccountEnabled', { accountId: 'acc-2' });
    expect(revoked.revocationOf(user('s-9', 'acc-2'))).toBeUndefined();
  });

  describe('API credentials (credentials-service events)', () => {
    const api = (credentialId: string): Principal => ({
      ...user(credentialId, 'acc-1'),
      kind: 'api',
    });
    const issued = (issuedAt: number) => ({ issuedAt });
    const credentialEvent = (
      type: 'ApiCredentialRevoked' | 'ApiCredentialRegenerated',
      credentialId: string,
    ) =>
      append(
        'apicredentials-acc-1',
        type,
        type === 'ApiCredentialRevoked'
          ? { accountId: 'acc-1', credentialId, reason: 'removed-by-owner' }
          : { accountId: 'acc-1', credentialId, secretHash: 'hmac-sha256:x' },
      );
    const nowSeconds = () => Math.floor(Date.now() / 1000);

    it('refuses every token of a revoked credential, and only of that one', async () => {
      await credentialEvent('ApiCredentialRevoked', 'cred-1');
      expect(revoked.revocationOf(api('cred-1'), issued(nowSeconds()))).toBe('credential revoked');
      expect(revoked.revocationOf(api('cred-2'), issued(nowSeconds()))).toBeUndefined();
      // A person's session that happens to share the id is not an API token.
      expect(revoked.revocationOf(user('cred-1'))).toBeUndefined();
    });

    it('after a regeneration, refuses tokens issued in an earlier second and keeps later ones', async () => {
      await credentialEvent('ApiCredentialRegenerated', 'cred-3');
      const [row] = database.all<{ regenerated_at_ms: number }>(
        'SELECT regenerated_at_ms FROM regenerated_credentials',
      );
      const second = Math.floor(row.regenerated_at_ms / 1000);
      expect(revoked.revocationOf(api('cred-3'), issued(second - 1))).toBe(
        'credential regenerated',
      );
      expect(revoked.revocationOf(api('cred-3'), issued(second))).toBeUndefined();
      expect(revoked.revocationOf(api('cred-3'), issued(second + 1))).toBeUndefined();
      expect(revoked.revocationOf(api('cred-3'))).toBe('credential regenerated');
      expect(revoked.revocationOf(api('cred-4'), issued(second - 1))).toBeUndefined();
    });

    it('is version 2, so a read model built before credentials were in it is rebuilt', () => {
      expect(revokedTokensProjection.version).toBe(2);
      expect(revokedTokensProjection.filter.streamPrefixes).toContain('apicredentials-');
    });
  });
});
