import { SqliteEventStore } from '@accounts/event-store';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedHistory } from '@accounts/testing';

const root = join(__dirname, '../../../..');

/** The CLI exactly as `npm run audit -- …` runs it, in its own process, piped (so no progress bar). */
function audit(dataDir: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'apps/audit/src/cli/main.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(root, 'tsconfig.base.json'),
        DATA_DIR: dataDir,
        EVENTSTORE_CONNECTION_STRING: '',
      },
      timeout: 60_000,
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run audit (the CLI, against the embedded store beside a running writer)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let script: ScriptedHistory;
  let alice: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    // Stays open while the CLI reads: the CLI's read-only connection works beside a live writer.
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'normal' });
    script = new ScriptedHistory(store);
    const bob = await script.register('bob');
    alice = await script.register('alice', { by: bob });
    await script.changePhone(alice, '+33612345678', '+447911123456', bob);
    await script.changeMethod(alice, 'password', 'authenticator-every-time');
    await script.rename(alice, 'alice', 'alicia');
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints an account’s history found by a former user name, as text and as JSON lines', () => {
    const text = audit(dir, 'history', '--account', 'alice', '--tz', 'UTC');
    expect(text.err).toBe('');
    expect(text.code).toBe(0);
    expect(text.out).toContain(`History of alicia (${alice}), 4 events, times in UTC`);
    expect(text.out).toMatch(
      /administrator bob \[ip 203\.0\.113\.7, Firefox on Linux\]: mobile phone \+33612345678 → \+447911123456/,
    );
    const json = audit(dir, 'history', '--account', alice, '--json');
    const entries = json.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.map((e) => e.type)).toEqual([
      'AccountRegistered',
      'AccountMobilePhoneChanged',
      'AuthenticationMethodChanged',
      'AccountUserNameChanged',
    ]);
    expect(entries[2]).toMatchObject({
      summary: 'sign-in method password → authenticator app (every time)',
      actor: { words: 'the user' },
    });
  });

  it('says why and exits non-zero for an unknown account or a bad instant', () => {
    const unknown = audit(dir, 'history', '--account', 'nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/No account has or had the id or user name nobody/);
    const bad = audit(dir, 'history', '--account', 'alicia', '--from', 'last week');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/from must be an ISO-8601/);
  });

  it('exports an organization without a progress bar when piped, and verify says OK or names the altered line', () => {
    const exported = audit(dir, 'export', '--org', script.orgId);
    expect(exported.code).toBe(0);
    expect(exported.err).toBe('');
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, exported.out);
    expect(audit(dir, 'verify', file)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^OK: 9 events/),
    });
    writeFileSync(file, exported.out.replace('+447911123456', '+447911999999'));
    const altered = audit(dir, 'verify', file);
    expect(altered.code).toBe(1);
    expect(altered.out).toMatch(/ALTERED: line 5: was altered/);
  });

  it('seals, then verify --store catches a row altered directly in the SQLite file', () => {
    expect(audit(dir, 'seal')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Sealed 9 events up to position 9/),
    });
    expect(audit(dir, 'verify', '--store')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^OK: 9 events up to position 9 match 1 seal/),
    });
    const raw = new Database(join(dir, 'events.sqlite'));
    raw
      .prepare(`UPDATE events SET data = json_set(data, '$.to', '+15550000000') WHERE position = 5`)
      .run();
    raw.close();
    const caught = audit(dir, 'verify', '--store');
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(
      /^ALTERED: the store no longer matches the seal at position 10: position 5 no longer holds the event sealed there/,
    );
    expect(readFileSync(join(dir, 'events.sqlite')).length).toBeGreaterThan(0);
  });
});
