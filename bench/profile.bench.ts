/**
 * npm run bench -- profile [--requests=10000]
 * PATCH /accounts/me over HTTP (built profile-service in its own process, embedded SQLite store)
 * with 32 concurrent clients, next to the raw append rate of the store measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@accounts/event-store';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';
import { devTokenIssuer, startService } from './lib/service-process';

const REQUESTS = Number(
  process.argv.find((a) => a.startsWith('--requests='))?.split('=')[1] ?? 10_000,
);
const CLIENTS = 32;

async function call(url: string, method: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  const mint = await devTokenIssuer(dir);
  let httpPerSecond = 0;
  const service = await startService('profile-service', { DATA_DIR: dir, NODE_ENV: 'production' });
  try {
    console.log(
      `profile benchmark: ${REQUESTS} PATCH /accounts/me, ${CLIENTS} concurrent clients, ${service.url}`,
    );
    const created = await call(`${service.url}/organizations`, 'POST', {
      name: 'Bench',
      administrator: {
        userName: 'benchadmin',
        firstName: 'Bench',
        lastName: 'Admin',
        email: 'admin@bench.test',
      },
    });
    const orgId: string = created.organization.id;
    const adminToken = await mint({
      accountId: created.administrator.id,
      orgId,
      accountType: 'administrator',
    });
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const account = await call(
        `${service.url}/organizations/${orgId}/accounts`,
        'POST',
        {
          userName: `user${i}`,
          firstName: 'User',
          lastName: `N${i}`,
          email: `user${i}@bench.test`,
          accountType: 'standard',
        },
        adminToken,
      );
      tokens.push(await mint({ accountId: account.id, orgId }));
    }
    // Each request changes two fields, so it appends two events in one append.
    const http = await runConcurrent(REQUESTS, CLIENTS, (i, client) =>
      call(
        `${service.url}/accounts/me`,
        'PATCH',
        { firstName: `First${i}`, lastName: `Last${i}` },
        tokens[client],
      ),
    );
    httpPerSecond = http.perSecond;
    report(
      figure(
        'PATCH /accounts/me over HTTP (2 fields changed each)',
        http.perSecond,
        'edits/s',
        http.latencies,
      ),
    );
  } finally {
    await service.stop();
  }

  const store = new SqliteEventStore({ path: join(dir, 'raw.sqlite') });
  const payload = (i: number) => [
    {
      type: 'AccountFirstNameChanged',
      data: { accountId: 'a', from: 'x', to: `First${i}` },
      metadata: { correlationId: 'c', causationId: 'c', actor: { kind: 'user' } },
    },
    {
      type: 'AccountLastNameChanged',
      data: { accountId: 'a', from: 'x', to: `Last${i}` },
      metadata: { correlationId: 'c', causationId: 'c', actor: { kind: 'user' } },
    },
  ];
  const raw = await runConcurrent(REQUESTS, CLIENTS, (i, w) =>
    store.append(`account-${w}`, payload(i)),
  );
  report(
    figure(
      'raw store appends, 32 writers, same events (no HTTP)',
      raw.perSecond,
      'appends/s',
      raw.latencies,
    ),
  );
  await store.close();
  const ratio = httpPerSecond / raw.perSecond;
  console.log(
    `  ratio HTTP edits / raw appends: ${(ratio * 100).toFixed(1)} %  (aim: >= 50 %, and >= 2,000 edits/s)`,
  );
  console.log(`results written to ${writeResults('profile', figures, { ratio })}`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
