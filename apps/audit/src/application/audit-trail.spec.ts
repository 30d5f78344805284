import { type RecordedEvent, SqliteEventStore } from '@accounts/event-store';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountIndex } from '../projections/account-index';
import { ScriptedHistory } from '@accounts/testing';
import { accountHistory, resolveAccount } from './account-history';
import { eventText } from './hash-chain';
import { organizationExport } from './organization-export';
import { verifyExport } from './verify-export';

describe('audit trail over a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let index: AccountIndex;
  let script: ScriptedHistory;
  let alice: string;
  let bob: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-trail-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'normal' });
    script = new ScriptedHistory(store);
    bob = await script.register('bob', { timeZone: 'America/New_York' });
    alice = await script.register('alice', { by: bob });
    await script.changePhone(alice, '+33612345678', '+447911123456', bob);
    await script.changeMethod(alice, 'password', 'authenticator-every-time');
    const session = await script.signIn(alice);
    await script.endSession(alice, session);
    const key = await script.generateCredential(alice, 'ci');
    await script.regenerateCredential(alice, key.credentialId);
    await script.rename(alice, 'alice', 'alicia');
    index = await AccountIndex.open(store, join(dir, 'audit-read.sqlite'));
    await index.catchUp();
  });

  afterEach(async () => {
    await index.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells the history of an account from every service, in position order, in words, in its own zone', async () => {
    const account = resolveAccount(index.queries, 'alice');
    expect(account.accountId).toBe(alice);
    const history = await accountHistory(store, index.queries, account);
    expect(history.map((e) => e.type)).toEqual([
      'AccountRegistered',
      'AccountMobilePhoneChanged',
      'AuthenticationMethodChanged',
      'SignInStarted',
      'SignInCompleted',
      'SessionStarted',
      'SessionEnded',
      'ApiCredentialGenerated',
      'ApiCredentialRegenerated',
      'AccountUserNameChanged',
    ]);
    const positions = history.map((e) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const phone = history[1];
    expect(phone.summary).toBe('mobile phone +33612345678 → +447911123456');
    expect(phone.actor.words).toBe('administrator bob');
    expect(phone.timeZone).toBe('Europe/Paris');
    expect(phone.localTime).toMatch(/\+01:00$/);
    expect(phone.ip).toBe('203.0.113.7');
    expect(phone.correlationId).toEqual(expect.any(String));
    expect(history[2].summary).toBe('sign-in method password → authenticator app (every time)');
    expect(history[2].actor.words).toBe('the user');
    expect(history[8].summary).toMatch(/^API credential ci \(aci_[0-9a-f]{8}\) regenerated$/);
    expect(history[9].summary).toBe('user name alice → alicia');
    expect(JSON.stringify(history)).not.toMatch(/argon2|hmac-sha256|tokenSha256|a{64}/);
  });

  it('finds an account by a name it had before a rename, by its current name, and refuses an unknown one', () => {
    expect(resolveAccount(index.queries, 'ALICIA').accountId).toBe(alice);
    expect(resolveAccount(index.queries, 'alice').accountId).toBe(alice);
    expect(() => resolveAccount(index.queries, 'nobody')).toThrow(/No account has or had/);
  });

  it('lists the candidates of a name two accounts held in turn', async () => {
    await script.rename(bob, 'bob', 'robert');
    const carol = await script.register('carol');
    await script.rename(carol, 'carol', 'bob');
    await script.rename(carol, 'bob', 'caroline');
    await index.catchUp();
    expect(() => resolveAccount(index.queries, 'bob')).toThrow(
      /2 accounts once had the user name bob/,
    );
  });

  it('filters the history by time and shows it in another zone', async () => {
    const all = await accountHistory(store, index.queries, resolveAccount(index.queries, alice));
    const some = await accountHistory(store, index.queries, resolveAccount(index.queries, alice), {
      from: all[2].occurredAt,
      to: all[4].occurredAt,
      timeZone: 'Asia/Tokyo',
    });
    expect(some.map((e) => e.position)).toEqual([all[2].position, all[3].position]);
    expect(some[0].localTime).toMatch(/\+09:00$/);
    await expect(
      accountHistory(store, index.queries, resolveAccount(index.queries, alice), {
        from: 'yesterday',
      }),
    ).rejects.toThrow(/from must be an ISO-8601/);
  });

  async function exportLines(): Promise<string[]> {
    const lines: string[] = [];
    for await (const line of organizationExport(store, index.queries, { orgId: script.orgId }))
      lines.push(line);
    return lines;
  }

  it('exports the organization as a hash chain that verifies, and names the first altered, dropped, inserted or reordered line', async () => {
    const lines = await exportLines();
    expect(lines).toHaveLength(15 + 1);
    const summary = JSON.parse(lines[lines.length - 1]).summary;
    expect(summary).toMatchObject({ count: 15, orgId: script.orgId });
    expect(await verifyExport(lines)).toMatchObject({ ok: true, count: 15 });

    const altered = [...lines];
    altered[4] = altered[4].replace('+447911123456', '+447911000000');
    expect(await verifyExport(altered)).toMatchObject({
      ok: false,
      line: 5,
      message: expect.stringMatching(/altered/),
    });

    const dropped = lines.filter((_, i) => i !== 6);
    expect(await verifyExport(dropped)).toMatchObject({
      ok: false,
      line: 7,
      message: expect.stringMatching(/dropped/),
    });

    const inserted = [...lines.slice(0, 3), lines[1], ...lines.slice(3)];
    expect(await verifyExport(inserted)).toMatchObject({
      ok: false,
      line: 4,
      message: expect.stringMatching(/reordered or inserted/),
    });

    const reordered = [...lines];
    [reordered[8], reordered[9]] = [reordered[9], reordered[8]];
    expect(await verifyExport(reordered)).toMatchObject({ ok: false, line: 9 });

    expect(await verifyExport(lines.slice(0, -1))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cut short/),
    });
  });

  it('writes each event as JSON.stringify of its envelope, byte for byte, though it splices the stored text', async () => {
    const lines = (await exportLines()).slice(0, -1);
    const byPosition = new Map(
      (await store.readAll({ maxCount: 1000 })).map((event) => [event.position, event]),
    );
    for (const line of lines) {
      const position = (JSON.parse(line) as { event: { position: number } }).event.position;
      const event = byPosition.get(position);
      expect(event).toBeDefined();
      expect(line.endsWith(`"event":${eventText(event as RecordedEvent)}}\n`)).toBe(true);
    }
  });

  it('verifies an export of a row stored in another JSON layout (hashed as stored), and still catches an edit of it', async () => {
    // A row rewritten outside the adapter (by hand, by a migration): same values, other spacing.
    const raw = new Database(join(dir, 'events.sqlite'));
    const row = raw
      .prepare(`SELECT position, data FROM events WHERE type = 'AccountMobilePhoneChanged'`)
      .get() as { position: number; data: string };
    const spaced = JSON.stringify(JSON.parse(row.data), null, 1);
    raw.prepare('UPDATE events SET data = ? WHERE position = ?').run(spaced, row.position);
    raw.close();
    const lines = await exportLines();
    const line = lines.findIndex((l) => l.includes('AccountMobilePhoneChanged'));
    expect(lines[line]).toContain(spaced);
    expect(await verifyExport(lines)).toMatchObject({ ok: true, count: 15 });
    const altered = [...lines];
    altered[line] = altered[line].replace('+447911123456', '+447911000000');
    expect(await verifyExport(altered)).toMatchObject({
      ok: false,
      line: line + 1,
      message: expect.stringMatching(/altered/),
    });
  });
});
