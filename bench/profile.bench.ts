/**
 * npm run bench -- profile [--requests=10000] [--accounts=100000] [--searches=2000] [--clients=32] [--main=<entry>]
 * PATCH /accounts/me over HTTP (built profile-service in its own process or WORKERS processes,
 * embedded SQLite store) with 32 concurrent clients, next to the raw append rate of the store
 * measured in the same run. Per request it reports the service's CPU time (every process of it,
 * from /proc) and its store calls (counted in the service by bench/lib/count-store-reads.cjs),
 * figures that hold on a busy machine where the rate does not. With --accounts it then adds that
 * many accounts to the organization (appended straight to the store; the directory catches up),
 * edits again and searches the directory, so the cost of an edit and of a search can be compared
 * at 100 and at 100,000 accounts. RSS of each process is printed at the end. --main runs another
 * build (a baseline built from an older commit) instead of dist/apps/profile-service.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@accounts/event-store';
import {
  closeConnections,
  type LoadConnection,
  openConnection,
  openConnections,
  ownCpuMs,
} from './lib/load-client';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';
import {
  contextSwitches,
  cpuMs,
  processTree,
  reportIdleRss,
  storeCalls,
  systemCpuMs,
} from './lib/process-stats';
import { devTokenIssuer, startService } from './lib/service-process';

const arg = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const REQUESTS = arg('requests', 10_000);
const EXTRA_ACCOUNTS = arg('accounts', 0);
const SEARCHES = arg('searches', 2_000);
const MAIN = process.argv.find((a) => a.startsWith('--main='))?.split('=')[1];
const CLIENTS = arg('clients', 32);

/** One JSON request on a keep-alive connection (bench/lib/load-client); its answer parsed, or an error. */
async function call(
  connection: LoadConnection,
  method: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<any> {
  const answer = await connection.request(
    method,
    path,
    {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (answer.status >= 300) throw new Error(`${method} ${path} -> ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body);
}

/** CPU ms and store calls of the service over one measured phase, per operation. */
async function perOperation(
  pid: number,
  counts: string,
  operations: number,
  phase: () => Promise<void>,
): Promise<{
  cpuMsEach: number;
  loadGeneratorCpuMsEach: number;
  readsEach: number;
  appendsEach: number;
  readAllEach: number;
  commitsEach: number;
  systemCpuMsEach: number;
  switchesEach: { voluntary: number; involuntary: number };
  perProcessUs: number[];
}> {
  const pids = processTree(pid);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250)); // the counters flush every 100 ms
  await settle();
  const [cpu0, calls0, sys0, switches0] = [
    cpuMs(pids),
    storeCalls(counts),
    systemCpuMs(pids),
    contextSwitches(pids),
  ];
  const each0 = pids.map((p) => cpuMs([p]));
  const ownCpuBefore = process.cpuUsage();
  await phase();
  const loadGeneratorCpuMs = ownCpuMs(ownCpuBefore);
  await settle();
  const [cpu1, calls1, sys1, switches1] = [
    cpuMs(pids),
    storeCalls(counts),
    systemCpuMs(pids),
    contextSwitches(pids),
  ];
  const perProcessUs = pids.map((p, i) =>
    Math.round(((cpuMs([p]) - each0[i]) / operations) * 1000),
  );
  const each = (name: string) => ((calls1[name] ?? 0) - (calls0[name] ?? 0)) / operations;
  return {
    cpuMsEach: (cpu1 - cpu0) / operations,
    loadGeneratorCpuMsEach: loadGeneratorCpuMs / operations,
    readsEach: each('readStream'),
    appendsEach: each('append'),
    readAllEach: each('readAll'),
    commitsEach: each('commit'),
    systemCpuMsEach: (sys1 - sys0) / operations,
    switchesEach: {
      voluntary: (switches1.voluntary - switches0.voluntary) / operations,
      involuntary: (switches1.involuntary - switches0.involuntary) / operations,
    },
    perProcessUs,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const counts = join(dir, 'store-calls');
  mkdirSync(counts);
  const figures: BenchFigure[] = [];
  const extra: Record<string, unknown> = { workers: process.env['WORKERS'] ?? 'default' };
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  const mint = await devTokenIssuer(dir);
  let httpPerSecond = 0;
  const service = await startService(
    'profile-service',
    // Production requires the activation-link key auth-service shares.
    {
      DATA_DIR: dir,
      NODE_ENV: 'production',
      ACTIVATION_LINK_KEY: randomBytes(32).toString('base64'),
    },
    { main: MAIN, countStoreReadsIn: counts },
  );
  // startService waited for every worker: connections opened before would all go to worker 1.
  // One connection for the set-up, one per concurrent client for the measured phases.
  const setup = openConnection(service.url);
  const clients = openConnections(service.url, CLIENTS);
  try {
    console.log(
      `profile benchmark: ${REQUESTS} PATCH /accounts/me, ${CLIENTS} concurrent clients, ${service.url}, WORKERS=${process.env['WORKERS'] ?? '(default)'}${MAIN ? `, ${MAIN}` : ''}`,
    );
    const created = await call(setup, 'POST', '/organizations', {
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
    const accountIds: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const account = await call(
        setup,
        'POST',
        `/organizations/${orgId}/accounts`,
        {
          userName: `user${i}`,
          firstName: 'User',
          lastName: `N${i}`,
          email: `user${i}@bench.test`,
          accountType: 'standard',
        },
        adminToken,
      );
      accountIds.push(account.id);
      tokens.push(await mint({ accountId: account.id, orgId }));
    }
    // Each request changes two fields, so it appends two events in one append.
    const edits = async (label: string, round: number) => {
      let rate = 0;
      const cost = await perOperation(service.pid, counts, REQUESTS, async () => {
        const http = await runConcurrent(REQUESTS, CLIENTS, (i, client) =>
          call(
            clients[client],
            'PATCH',
            '/accounts/me',
            { firstName: `First${round}x${i}`, lastName: `Last${round}x${i}` },
            tokens[client],
          ),
        );
        rate = http.perSecond;
        report(
          figure(
            `PATCH /accounts/me over HTTP (2 fields changed each)${label}`,
            http.perSecond,
            'edits/s',
            http.latencies,
          ),
        );
      });
      report(figure(`  service CPU per edit${label}`, cost.cpuMsEach * 1000, 'µs'));
      report(
        figure(
          `  load generator (this process) CPU per edit${label}`,
          cost.loadGeneratorCpuMsEach * 1000,
          'µs',
        ),
      );
      // Both workers should share the load (a run where one idles measures one process).
      console.log(`    of which per process (primary first): ${cost.perProcessUs.join(', ')} µs`);
      console.log(
        `    of which system (kernel) time: ${Math.round(cost.systemCpuMsEach * 1000)} µs; group commit tries per edit: ${cost.commitsEach.toFixed(3)}; context switches per edit: ${cost.switchesEach.voluntary.toFixed(2)} voluntary, ${cost.switchesEach.involuntary.toFixed(2)} preempted`,
      );
      console.log(
        `    store calls per edit: ${cost.readsEach.toFixed(2)} readStream, ${cost.appendsEach.toFixed(2)} append, ${cost.readAllEach.toFixed(2)} readAll (projections and read-your-writes checks)`,
      );
      extra[`edit${label ? 'At' + (EXTRA_ACCOUNTS + CLIENTS + 1) : ''}`] = cost;
      return rate;
    };
    httpPerSecond = await edits('', 0);

    if (EXTRA_ACCOUNTS > 0) {
      // The directory's catch-up: wall time after the last append and the service's CPU (every
      // process) from the first append until the last account can be found, per account.
      const servicePids = processTree(service.pid);
      const cpuBeforeSeed = cpuMs(servicePids);
      await seedAccounts(join(dir, 'events.sqlite'), orgId, accountIds[0], EXTRA_ACCOUNTS);
      const seeded = Date.now();
      // The directory has them all once the last one can be found.
      const last = `seed${EXTRA_ACCOUNTS - 1}`;
      const deadline = Date.now() + 300_000;
      while (
        (
          await call(
            setup,
            'GET',
            `/organizations/${orgId}/accounts?search=${last}`,
            undefined,
            adminToken,
          )
        ).items.length === 0
      ) {
        if (Date.now() > deadline) throw new Error('the directory did not catch up in 5 minutes');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const catchUp = {
        msAfterLastAppend: Date.now() - seeded,
        serviceCpuUsPerAccount: ((cpuMs(servicePids) - cpuBeforeSeed) / EXTRA_ACCOUNTS) * 1000,
      };
      console.log(
        `  directory caught up ${catchUp.msAfterLastAppend} ms after the last append; service CPU ${catchUp.serviceCpuUsPerAccount.toFixed(0)} µs per seeded account (projection, searches polling)`,
      );
      extra['catchUp'] = catchUp;
      const total = EXTRA_ACCOUNTS + CLIENTS + 1;
      await edits(` at ${total.toLocaleString('en')} accounts`, 1);
      let searchRate = 0;
      const searchCost = await perOperation(service.pid, counts, SEARCHES, async () => {
        const search = await runConcurrent(SEARCHES, 8, (i, client) =>
          call(
            clients[client],
            'GET',
            `/organizations/${orgId}/accounts?search=seed${(i * 7919) % EXTRA_ACCOUNTS}&limit=20`,
            undefined,
            adminToken,
          ),
        );
        searchRate = search.perSecond;
        report(
          figure(
            `directory search at ${total.toLocaleString('en')} accounts, 8 clients`,
            search.perSecond,
            'searches/s',
            search.latencies,
          ),
        );
      });
      report(figure('  service CPU per search', searchCost.cpuMsEach * 1000, 'µs'));
      extra['search'] = { ...searchCost, perSecond: searchRate };
    }
    const rss = await reportIdleRss(service.pid);
    extra['rssMiB'] = rss.processes.map((p) => p.rssMiB[0]);
    extra['rssIdle'] = rss;
  } finally {
    await closeConnections([setup, ...clients]);
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
    `  ratio HTTP edits / raw appends: ${(ratio * 100).toFixed(1)} %  (aim: >= 3,000 edits/s)`,
  );
  console.log(`results written to ${writeResults('profile', figures, { ratio, ...extra })}`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `count` more accounts in the organization, each a copy of a registered account's first event
 * with its own id, user name and email, appended to the running service's store (as another
 * profile-service process would); the directory projection picks them up live.
 */
async function seedAccounts(
  path: string,
  orgId: string,
  modelAccountId: string,
  count: number,
): Promise<void> {
  const store = new SqliteEventStore({ path });
  try {
    const [model] = await store.readStream(`account-${modelAccountId}`, { maxCount: 1 });
    if (model?.type !== 'AccountRegistered') throw new Error('no AccountRegistered to copy');
    const started = Date.now();
    const batch = 2_000;
    for (let from = 0; from < count; from += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, count - from) }, (_, k) => {
          const i = from + k;
          const accountId = randomUUID();
          return store.append(
            `account-${accountId}`,
            [
              {
                type: model.type,
                schemaVersion: model.schemaVersion,
                data: {
                  ...(model.data as object),
                  accountId,
                  orgId,
                  userName: `seed${i}`,
                  email: `seed${i}@bench.test`,
                },
                metadata: model.metadata,
              },
            ],
            'no_stream',
          );
        }),
      );
    }
    console.log(`  seeded ${count.toLocaleString('en')} accounts in ${Date.now() - started} ms`);
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
