/**
 * npm run bench -- audit [--events=1000000] [--history=10000]
 * Over one SQLite store: the raw read-all rate, then the rebuild rate of every projection (each from
 * position 0 into a fresh read-model file, as a rebuild does) next to it; the history of one account
 * with --history events (p50/p99 of 20 runs); export, verify, seal and verify --store in events/s.
 * Prints figures and writes bench/results/audit.json.
 */
import { SqliteEventStore, type NewEvent } from '@accounts/event-store';
import { type Projection, ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  accountHistory,
  historyLine,
  resolveAccount,
} from '../apps/audit/src/application/account-history';
import { organizationExport } from '../apps/audit/src/application/organization-export';
import { readAllPages } from '../apps/audit/src/application/read-all-pages';
import { sealStore } from '../apps/audit/src/application/seals';
import { verifyStore } from '../apps/audit/src/application/verify-store';
import { verifyExport } from '../apps/audit/src/application/verify-export';
import { AccountIndex } from '../apps/audit/src/projections/account-index';
import { accountIndexProjection } from '../apps/audit/src/projections/account-index.projection';
import { sessionListProjection } from '../apps/auth-service/src/projections/sessions.projection';
import { profileFactsProjection } from '../apps/auth-service/src/projections/profile-facts.projection';
import { trustedDevicesProjection } from '../apps/auth-service/src/projections/trusted-devices.projection';
import { accountsProjection } from '../apps/credentials-service/src/projections/accounts.projection';
import { apiCredentialKeysProjection } from '../apps/credentials-service/src/projections/api-credential-keys.projection';
import { accountDirectoryProjection } from '../apps/profile-service/src/projections/account-directory.projection';
import { figure, Latencies, now, print, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TOTAL = arg('events', 1_000_000);
const HISTORY = arg('history', 10_000);
const orgId = randomUUID();
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let clock = Date.parse('2025-01-01T00:00:00Z');
const at = () => new Date((clock += 1000)).toISOString();
const meta = (accountId: string) => ({
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { kind: 'user', accountId },
  orgId,
  ip: '203.0.113.7',
  userAgent: 'Firefox on Linux',
});
const ev = (type: string, data: object, accountId: string): NewEvent => ({
  type,
  data,
  metadata: meta(accountId),
  occurredAt: at(),
});

/** One account's life: registration, renames, phone, method changes, trusted computers, sign-ins, sessions, API keys. Returns events appended. */
async function account(
  store: SqliteEventStore,
  accountId: string,
  userName: string,
  rounds: number,
): Promise<number> {
  let count = 0;
  const append = async (stream: string, events: NewEvent[]) => {
    await store.append(stream, events);
    count += events.length;
  };
  await append(`username-${userName}`, [
    ev('UserNameReserved', { userName, accountId }, accountId),
  ]);
  await append(`account-${accountId}`, [
    ev(
      'AccountRegistered',
      {
        accountId,
        orgId,
        userName,
        firstName: 'A',
        lastName: 'B',
        email: `${userName}@example.com`,
        mobilePhone: null,
        timeZone: 'Europe/Paris',
        sessionTimeout: '30m',
        accountType: 'standard',
        groupRestriction: { kind: 'all' },
        activation: { tokenSha256: 'a'.repeat(64), expiresAt: at() },
      },
      accountId,
    ),
  ]);
  for (let r = 0; r < rounds; r++) {
    const deviceId = randomUUID();
    const credentialId = randomUUID();
    await append(`account-${accountId}`, [
      ev(
        'AccountMobilePhoneChanged',
        { accountId, from: null, to: `+3361234${String(r % 10000).padStart(4, '0')}` },
        accountId,
      ),
    ]);
    await append(`authenticator-${accountId}`, [
      ev('AuthenticationMethodChanged', { accountId, from: 'password', to: 'email' }, accountId),
      ev(
        'TrustedDeviceAdded',
        {
          accountId,
          deviceId,
          tokenSha256: 'b'.repeat(64),
          label: 'Firefox on Linux',
          ip: '203.0.113.7',
          addedAt: at(),
          expiresAt: '2099-01-01T00:00:00.000Z',
        },
        accountId,
      ),
      ev('TrustedDeviceRevoked', { accountId, deviceId, reason: 'user' }, accountId),
    ]);
    const signinId = randomUUID();
    const sessionId = randomUUID();
    await append(`signin-${signinId}`, [
      ev(
        'SignInStarted',
        {
          signinId,
          accountId,
          method: 'email',
          trustedDeviceId: null,
          ip: '203.0.113.7',
          userAgent: 'Firefox',
          startedAt: at(),
        },
        accountId,
      ),
      ev(
        'SignInCompleted',
        {
          signinId,
          accountId,
          sessionId,
          amr: ['pwd', 'mfa', 'otp'],
          trustedDeviceId: null,
          newTrustedDeviceId: null,
        },
        accountId,
      ),
    ]);
    await append(`session-${sessionId}`, [
      ev(
        'SessionStarted',
        {
          sessionId,
          accountId,
          orgId,
          signinId,
          refreshTokenSha256: 'c'.repeat(64),
          amr: ['pwd'],
          ip: '203.0.113.7',
          userAgent: 'Firefox',
          idleTimeoutSeconds: 1800,
          startedAt: at(),
          absoluteExpiresAt: '2099-01-01T00:00:00.000Z',
        },
        accountId,
      ),
      ev('SessionEnded', { sessionId, accountId, reason: 'logout', endedAt: at() }, accountId),
    ]);
    await append(`apicredentials-${accountId}`, [
      ev(
        'ApiCredentialGenerated',
        {
          accountId,
          credentialId,
          clientId: `aci_${credentialId.slice(0, 22)}`,
          name: 'ci',
          expiresAt: null,
          secretHash: 'hmac-sha256:x',
        },
        accountId,
      ),
      ev(
        'ApiCredentialRegenerated',
        { accountId, credentialId, secretHash: 'hmac-sha256:y' },
        accountId,
      ),
      ev(
        'ApiCredentialRevoked',
        { accountId, credentialId, reason: 'removed-by-owner' },
        accountId,
      ),
    ]);
  }
  return count;
}

async function timeProjection(
  dir: string,
  store: SqliteEventStore,
  projection: Projection,
  head: number,
): Promise<number> {
  const database = new ReadModelDatabase({
    path: join(dir, `rebuild-${projection.name}-${randomUUID()}.sqlite`),
  });
  const runner = new ProjectionRunner({
    database,
    source: store,
    projections: [projection],
    logger: quiet,
  });
  const start = now();
  await runner.start();
  await runner.waitForPosition(head, 3_600_000);
  const ms = now() - start;
  await runner.stop();
  database.close();
  return ms;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  console.log(`audit benchmark over ${TOTAL.toLocaleString('en')} events (SQLite) in ${dir}`);
  try {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'normal' });
    const heavy = randomUUID();
    let written = await account(store, heavy, 'heavy', Math.ceil((HISTORY - 2) / 13));
    let n = 0;
    const seedStart = now();
    while (written < TOTAL) {
      const batch = await Promise.all(
        Array.from({ length: 16 }, () => account(store, randomUUID(), `user${n++}`, 2)),
      );
      written += batch.reduce((a, b) => a + b, 0);
    }
    const head = await store.headPosition();
    console.log(
      `  seeded ${head.toLocaleString('en')} events in ${Math.round((now() - seedStart) / 1000)} s`,
    );

    let start = now();
    let raw = 0;
    for await (const page of readAllPages(store)) raw += page.length;
    const rawRate = raw / ((now() - start) / 1000);
    report(figure('raw read-all (pages of 2000)', rawRate, 'events/s'));

    const projections: Projection[] = [
      accountIndexProjection,
      accountDirectoryProjection,
      trustedDevicesProjection,
      sessionListProjection,
      profileFactsProjection as Projection,
      apiCredentialKeysProjection,
      accountsProjection,
    ];
    for (const projection of projections) {
      const ms = await timeProjection(dir, store, projection, head);
      const rate = head / (ms / 1000);
      report(
        figure(
          `rebuild ${projection.name} from 0`,
          rate,
          'events/s',
          undefined,
          `${Math.round((100 * rate) / rawRate)} % of raw read-all`,
        ),
      );
    }

    const index = await AccountIndex.open(store, join(dir, 'audit-index.sqlite'));
    await index.catchUp();
    const account1 = resolveAccount(index.queries, 'heavy');
    const latencies = new Latencies();
    let entries = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = now();
      const history = await accountHistory(store, index.queries, account1);
      const text = history.map(historyLine).join('\n');
      latencies.add(now() - t0);
      entries = history.length + (text.length > 0 ? 0 : 0);
    }
    report(
      figure(
        `history of one account (${entries} events, text lines)`,
        1000 / latencies.percentile(50),
        'histories/s',
        latencies,
      ),
    );

    const file = join(dir, 'export.jsonl');
    start = now();
    const out = createWriteStream(file);
    let lines = 0;
    let buffer = '';
    for await (const line of organizationExport(store, index.queries, { orgId })) {
      buffer += line;
      lines += 1;
      if (buffer.length > 1 << 16) {
        if (!out.write(buffer))
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        buffer = '';
      }
    }
    out.end(buffer);
    await new Promise<void>((resolve) => out.once('finish', () => resolve()));
    report(
      figure(
        'export (hash-chained JSON lines to a file)',
        (lines - 1) / ((now() - start) / 1000),
        'events/s',
      ),
    );
    start = now();
    const verified = await verifyExport(
      createInterface({ input: createReadStream(file), crlfDelay: Infinity }),
    );
    report(
      figure(
        `verify export file (${verified.ok ? 'OK' : 'FAILED'})`,
        (lines - 1) / ((now() - start) / 1000),
        'events/s',
      ),
    );
    start = now();
    await sealStore(store);
    report(
      figure('seal (running hash of every event)', head / ((now() - start) / 1000), 'events/s'),
    );
    start = now();
    const store2 = await verifyStore(store);
    report(
      figure(
        `verify --store (${store2.ok ? 'OK' : 'FAILED'})`,
        head / ((now() - start) / 1000),
        'events/s',
      ),
    );
    await index.close();
    await store.close();
    console.log(
      `  results: ${writeResults('audit', figures, { events: head, historyEvents: entries })}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
