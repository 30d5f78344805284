import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE, type TestApp } from '@accounts/service-kit';
import { TestTokens } from '@accounts/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { verifyExport } from '../application/verify-export';
import { AuditTestApp } from '../testing/audit-test-app';
import { ScriptedHistory } from '@accounts/testing';

describe('audit service over HTTP', () => {
  let tokens: TestTokens;
  let t: TestApp;
  let store: EventStore;
  let script: ScriptedHistory;
  let alice: string;
  let bob: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    tokens = await TestTokens.create();
  });

  beforeEach(async () => {
    t = await AuditTestApp.start(tokens.verifier).then((app) => app.t);
    store = t.app.get<EventStore>(EVENT_STORE);
    script = new ScriptedHistory(store);
    bob = await script.register('bob');
    alice = await script.register('alice', { by: bob, timeZone: 'Europe/Paris' });
    await script.failSignIn(alice, 1);
    const first = await script.signIn(alice);
    await script.changeMethod(alice, 'password', 'authenticator-every-time');
    const device = await script.trustDevice(alice);
    await script.revokeDevice(alice, device);
    await script.endSession(alice, first);
    const key = await script.generateCredential(alice, 'ci');
    await script.regenerateCredential(alice, key.credentialId);
    await script.revokeCredential(alice, key.credentialId, bob);
    await script.changePhone(alice, '+33612345678', '+447911123456', bob);
    await script.changePassword(alice);
  });

  afterEach(async () => {
    await t.close();
  });

  const as = (accountId: string, extra: Record<string, unknown> = {}) =>
    tokens.bearer({ accountId, orgId: script.orgId, ...extra });
  const admin = () => as(bob, { accountType: 'administrator' });

  async function expectNothingWritten(run: () => Promise<unknown>): Promise<void> {
    const before = await store.headPosition();
    await run();
    expect(await store.headPosition()).toBe(before);
  }

  describe('GET /audit/me/activity', () => {
    it('gives the caller their own security activity, newest first, in their zone, in pages', async () => {
      const res = await http()
        .get('/audit/me/activity?limit=5')
        .set(await as(alice))
        .expect(200);
      expect(res.body.timeZone).toBe('Europe/Paris');
      expect(res.body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'password-changed',
        'changed-by-administrator',
        'api-credential-revoked',
        'api-credential-regenerated',
        'api-credential-generated',
      ]);
      expect(res.body.items[1]).toMatchObject({
        summary: 'mobile phone +33612345678 → +447911123456',
        by: 'administrator bob',
      });
      expect(res.body.items[0].localTime).toMatch(/\+01:00$/);
      expect(res.body.nextCursor).toEqual(expect.any(String));

      const next = await http()
        .get(`/audit/me/activity?limit=5&before=${res.body.nextCursor}&tz=Asia/Tokyo`)
        .set(await as(alice))
        .expect(200);
      expect(next.body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'session-ended',
        'trusted-computer-removed',
        'trusted-computer-added',
        'second-factor-changed',
        'sign-in',
      ]);
      expect(next.body.items[4]).toMatchObject({
        ip: '203.0.113.7',
        userAgent: 'Firefox on Linux',
        method: 'password',
      });
      expect(next.body.items[0].localTime).toMatch(/\+09:00$/);
      // Every time in a sentence is in the chosen zone too, not raw UTC.
      expect(next.body.items[2].summary).toBe(
        'computer "Firefox on Linux" trusted (ip 203.0.113.7) until 2026-04-01T09:00:00+09:00',
      );
      const last = await http()
        .get(`/audit/me/activity?limit=5&before=${next.body.nextCursor}`)
        .set(await as(alice))
        .expect(200);
      expect(last.body.items).toEqual([
        expect.objectContaining({ kind: 'sign-in-failed', method: 'password' }),
        expect.objectContaining({
          kind: 'changed-by-administrator',
          by: 'administrator bob',
          summary: expect.stringMatching(/^account created/),
        }),
      ]);
      expect(last.body.nextCursor).toBeNull();
      expect(JSON.stringify([res.body, next.body, last.body])).not.toMatch(
        /argon2|hmac-sha256|b{64}|c{64}/,
      );
    });

    it('shows nobody else’s activity: another user sees only their own', async () => {
      const res = await http()
        .get('/audit/me/activity')
        .set(await as(bob))
        .expect(200);
      expect(res.body.items).toEqual([]);
    });

    it('answers 400 naming the field for a bad limit, cursor or zone', async () => {
      const limit = await http()
        .get('/audit/me/activity?limit=0')
        .set(await as(alice))
        .expect(400);
      expect(limit.body.details.fields[0].field).toBe('limit');
      const cursor = await http()
        .get('/audit/me/activity?before=abc')
        .set(await as(alice))
        .expect(400);
      expect(cursor.body.details.fields[0].field).toBe('before');
      const zone = await http()
        .get('/audit/me/activity?tz=Mars/Olympus')
        .set(await as(alice))
        .expect(400);
      expect(zone.body).toMatchObject({
        code: 'AUDIT-time-zone-invalid',
        details: { field: 'tz' },
      });
    });

    it('answers 401 without a token and 403 to an API access token', async () => {
      await expectNothingWritten(async () => {
        await http().get('/audit/me/activity').expect(401);
        const api = await http()
          .get('/audit/me/activity')
          .set(await as(alice, { kind: 'api' }))
          .expect(403);
        // The access policy: an API credential needs audit:read to read security history.
        expect(api.body.code).toBe('AUTH-scope-missing');
      });
    });
  });

  describe('GET /audit/accounts/:accountId/history', () => {
    it('gives an administrator the account’s history in words, in pages', async () => {
      const res = await http()
        .get(`/audit/accounts/${alice}/history?limit=3`)
        .set(await admin())
        .expect(200);
      expect(res.body).toMatchObject({
        accountId: alice,
        userName: 'alice',
        timeZone: 'Europe/Paris',
      });
      expect(res.body.entries.map((e: { type: string }) => e.type)).toEqual([
        'AccountRegistered',
        'SignInAttemptFailed',
        'SignInStarted',
      ]);
      expect(res.body.entries[0].actor).toEqual({
        kind: 'admin',
        accountId: bob,
        words: 'administrator bob',
      });
      const rest = await http()
        .get(`/audit/accounts/${alice}/history?after=${res.body.nextCursor}&tz=UTC`)
        .set(await admin())
        .expect(200);
      expect(
        rest.body.entries.find((e: { type: string }) => e.type === 'AuthenticationMethodChanged')
          .summary,
      ).toBe('sign-in method password → authenticator app (every time)');
      expect(rest.body.nextCursor).toBeNull();
    });

    it('answers 400 for a bad id or instant, 401 without a token, 403 to a non-administrator, 404 outside the organization', async () => {
      await expectNothingWritten(async () => {
        const id = await http()
          .get('/audit/accounts/not-a-uuid/history')
          .set(await admin())
          .expect(400);
        expect(id.body.details.field).toBe('accountId');
        const from = await http()
          .get(`/audit/accounts/${alice}/history?from=yesterday`)
          .set(await admin())
          .expect(400);
        expect(from.body.details.fields[0].field).toBe('from');
        await http().get(`/audit/accounts/${alice}/history`).expect(401);
        await http()
          .get(`/audit/accounts/${alice}/history`)
          .set(await as(alice))
          .expect(403);
        const other = await tokens.bearer({
          accountId: randomUUID(),
          orgId: randomUUID(),
          accountType: 'administrator',
        });
        await http().get(`/audit/accounts/${alice}/history`).set(other).expect(404);
        await http()
          .get(`/audit/accounts/${randomUUID()}/history`)
          .set(await admin())
          .expect(404);
      });
    });
  });

  describe('GET /audit/organizations/:orgId/export', () => {
    it('streams the organization’s hash-chained export that verifies', async () => {
      const res = await http()
        .get(`/audit/organizations/${script.orgId}/export`)
        .set(await admin())
        .buffer(true)
        .parse((r, done) => {
          let text = '';
          r.on('data', (chunk: Buffer) => (text += chunk.toString()));
          r.on('end', () => done(null, text));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
      const lines = (res.body as string).split('\n').filter(Boolean);
      expect(lines.length).toBe((await store.headPosition()) + 1);
      expect(await verifyExport(lines)).toMatchObject({ ok: true });
    });

    it('answers 400 for a bad instant, 401 without a token, 403 to a non-administrator, 404 for another organization', async () => {
      await expectNothingWritten(async () => {
        const bad = await http()
          .get(`/audit/organizations/${script.orgId}/export?to=soon`)
          .set(await admin())
          .expect(400);
        expect(bad.body.details.fields[0].field).toBe('to');
        await http().get(`/audit/organizations/${script.orgId}/export`).expect(401);
        await http()
          .get(`/audit/organizations/${script.orgId}/export`)
          .set(await as(alice))
          .expect(403);
        await http()
          .get(`/audit/organizations/${randomUUID()}/export`)
          .set(await admin())
          .expect(404);
      });
    });
  });
});
