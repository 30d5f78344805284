/**
 * npm run bench -- auth [--signins=200] [--concurrency=8] [--history=10000] [--rounds=40]
 * auth-service over HTTP, in process, on the SQLite store, with the production argon2id parameters
 * (19 MiB, t=2, p=1): password sign-ins/s next to raw argon2 verifications/s in the same run (the
 * sign-in ceiling), refresh/s, authenticator second step/s; a sign-in of an account with `history`
 * past sign-ins against a fresh account's. Sign-ins and refreshes go through bench/lib/load-client
 * (one keep-alive connection per concurrent client), the rest through supertest. Writes
 * bench/results/auth.json.
 */
import argon2 from 'argon2';
import type { Server } from 'node:http';
import { generate } from 'otplib';
import { SqliteEventStore } from '@accounts/event-store';
import { AuthStore } from '../apps/auth-service/src/application/shared/auth-store';
import { ReadModels } from '../apps/auth-service/src/projections/read-models';
import { AuthTestApp, STRONG_PASSWORD } from '../apps/auth-service/src/testing/auth-test-app';
import { seedPastSignIns } from '../apps/auth-service/src/testing/seed-past-sign-ins';
import {
  closeConnections,
  type LoadConnection,
  openConnections,
  ownCpuMs,
} from './lib/load-client';
import {
  figure,
  Latencies,
  now,
  print,
  runConcurrent,
  writeResults,
  type BenchFigure,
} from './lib/measure';
import { countStoreCalls, describeCallsPer } from './lib/store-calls';

// Store calls of the service (in this process) per sign-in and per refresh.
const storeCalls = countStoreCalls(SqliteEventStore.prototype);

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SIGNINS = arg('signins', 200);
const CONCURRENCY = arg('concurrency', 8);
const HISTORY = arg('history', 10_000);
const ROUNDS = arg('rounds', 40);
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The app listening once, one keep-alive connection per concurrent client (bench/lib/load-client):
 * supertest on an app that is not listening opens and closes a server per request, which the sign-in
 * and refresh figures would partly measure.
 */
async function keepAliveConnections(app: AuthTestApp, count: number): Promise<LoadConnection[]> {
  const server = app.t.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return openConnections(`http://127.0.0.1:${port}`, count);
}

/** A sign-in as AuthTestApp.login sends it (a browser's User-Agent), answered as JSON. */
const JSON_POST = {
  'content-type': 'application/json',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
};
async function post(
  connection: LoadConnection,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, string> }> {
  const answer = await connection.post(path, JSON_POST, JSON.stringify(body));
  return { status: answer.status, body: JSON.parse(answer.body) };
}

/**
 * "Loading an account's sign-in state must not slow down as its history grows": sign-ins of an account
 * with HISTORY past sign-ins and of a fresh one, one at a time and alternating, same argon2 settings.
 */
async function signInVersusHistory(
  app: AuthTestApp,
  orgId: string,
  report: (f: BenchFigure) => void,
): Promise<void> {
  const veteran = await app.activeAccount(orgId, 'veteran');
  const fresh = await app.activeAccount(orgId, 'newcomer');
  const seedStart = now();
  await seedPastSignIns(app, veteran.accountId, HISTORY);
  const seedMs = now() - seedStart;
  if (
    !(await app.t.app
      .get(ReadModels)
      .runner.waitForPosition(await app.store.headPosition(), 300_000))
  )
    throw new Error('read models did not catch up with the seeded history');
  console.log(
    `  seeded ${HISTORY} past sign-ins (${HISTORY * 5} events) in ${Math.round(seedMs)} ms`,
  );

  const signIn = async (userName: string, latencies?: Latencies) => {
    const t = now();
    const res = await app.login(userName);
    if (res.status !== 200 || !res.body.accessToken)
      throw new Error(`sign-in ${userName}: ${res.status} ${JSON.stringify(res.body)}`);
    latencies?.add(now() - t);
  };
  const withHistory = new Latencies();
  const without = new Latencies();
  for (let i = 0; i < 3; i++) await Promise.all([signIn(veteran.userName), signIn(fresh.userName)]);
  for (let i = 0; i < ROUNDS; i++) {
    // Alternating order so that neither account always runs first.
    if (i % 2)
      await signIn(veteran.userName, withHistory).then(() => signIn(fresh.userName, without));
    else await signIn(fresh.userName, without).then(() => signIn(veteran.userName, withHistory));
  }
  const p50 = (l: Latencies) => l.percentile(50);
  report(
    figure(
      `sign-in, account with ${HISTORY} past sign-ins`,
      1000 / p50(withHistory),
      'sign-ins/s (1 at a time)',
      withHistory,
    ),
  );
  report(
    figure('sign-in, fresh account', 1000 / p50(without), 'sign-ins/s (1 at a time)', without),
  );
  const ratio = p50(withHistory) / p50(without);
  report(
    figure('ratio p50 with history / fresh', ratio * 100, '%', undefined, `${ratio.toFixed(3)}x`),
  );

  // The loads themselves, without argon2: the authenticator fold and the guard's last event.
  const store = app.t.app.get(AuthStore);
  const loads = async (accountId: string) => {
    const latencies = new Latencies();
    for (let i = 0; i < 500; i++) {
      const t = now();
      await store.authenticator(accountId);
      await store.store.readStream(`signinguard-${accountId}`, {
        direction: 'backwards',
        maxCount: 1,
      });
      latencies.add(now() - t);
    }
    return latencies;
  };
  const loadHistory = await loads(veteran.accountId);
  const loadFresh = await loads(fresh.accountId);
  report(
    figure(
      `load sign-in state (authenticator + guard), ${HISTORY} past sign-ins`,
      1000 / p50(loadHistory),
      'loads/s',
      loadHistory,
    ),
  );
  report(
    figure(
      'load sign-in state (authenticator + guard), fresh account',
      1000 / p50(loadFresh),
      'loads/s',
      loadFresh,
    ),
  );
}

async function main(): Promise<void> {
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  const app = await AuthTestApp.start({
    ARGON2_MEMORY_KIB: String(PARAMS.memoryCost),
    ARGON2_TIME_COST: String(PARAMS.timeCost),
    ARGON2_PARALLELISM: String(PARAMS.parallelism),
  });
  try {
    const orgId = await app.organization();
    const users = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => app.activeAccount(orgId, `bench${i}`)),
    );

    const hash = await argon2.hash(STRONG_PASSWORD, { type: argon2.argon2id, ...PARAMS });
    const raw = await runConcurrent(SIGNINS, CONCURRENCY, () =>
      argon2.verify(hash, STRONG_PASSWORD),
    );
    report(
      figure(
        `raw argon2id verify (m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}), ${CONCURRENCY} concurrent`,
        raw.perSecond,
        'verifications/s',
        raw.latencies,
      ),
    );

    const connections = await keepAliveConnections(app, CONCURRENCY);
    const refreshTokens: string[] = [];
    const callsBeforeSignIns = storeCalls();
    const signIns = await runConcurrent(SIGNINS, CONCURRENCY, async (i, w) => {
      const res = await post(connections[w], '/auth/login', {
        userName: users[w].userName,
        password: STRONG_PASSWORD,
      });
      if (res.status !== 200)
        throw new Error(`sign-in ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      if (refreshTokens.length < CONCURRENCY * 50) refreshTokens.push(res.body.refreshToken);
    });
    report(
      figure(
        'password sign-ins (POST /auth/login)',
        signIns.perSecond,
        'sign-ins/s',
        signIns.latencies,
        `${Math.round((signIns.perSecond / raw.perSecond) * 100)}% of raw argon2`,
      ),
    );
    console.log(
      `    store calls per sign-in: ${describeCallsPer(callsBeforeSignIns, storeCalls(), SIGNINS)}`,
    );

    // Each worker refreshes its own chain of tokens (rotation: every answer gives the next token).
    const chains = refreshTokens.slice(0, CONCURRENCY);
    const cpuBefore = process.cpuUsage();
    const callsBeforeRefreshes = storeCalls();
    const refreshes = await runConcurrent(SIGNINS * 10, CONCURRENCY, async (i, w) => {
      const res = await post(connections[w], '/auth/refresh', { refreshToken: chains[w] });
      if (res.status !== 200)
        throw new Error(`refresh ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      chains[w] = res.body.refreshToken;
    });
    // CPU per refresh (client and service share this process): the single-core ceiling, whatever the machine load.
    const cpuMs = ownCpuMs(cpuBefore) / (SIGNINS * 10);
    const refreshCalls = describeCallsPer(callsBeforeRefreshes, storeCalls(), SIGNINS * 10);
    await closeConnections(connections);
    report(
      figure(
        'refresh with rotation (POST /auth/refresh)',
        refreshes.perSecond,
        'refreshes/s',
        refreshes.latencies,
        'keep-alive client in the same process',
      ),
    );
    report(
      figure(
        'CPU per refresh (client + service, one process)',
        cpuMs * 1000,
        'µs',
        undefined,
        `ceiling ${Math.round(1000 / cpuMs)} refreshes/s per core`,
      ),
    );
    console.log(`    store calls per refresh: ${refreshCalls}`);

    // TOTP second step: every-time authenticator accounts; challenges prepared first, so only step 2 is timed.
    const secrets: string[] = [];
    for (const user of users) {
      const { bearer } = await app.tokens(user.userName);
      const chosen = await app
        .http()
        .put('/auth/me/method')
        .set(bearer)
        .send({ method: 'authenticator-every-time' });
      secrets.push(chosen.body.enrollment.secret);
      await app
        .http()
        .post('/auth/me/authenticator/confirm')
        .set(bearer)
        .send({ code: await generate({ secret: chosen.body.enrollment.secret }) });
    }
    // One accepted code per account and time step (replay protection): one round per worker.
    const challenges = await Promise.all(
      users.map((u) => app.login(u.userName).then((r) => r.body.challengeId as string)),
    );
    const codes = await Promise.all(
      secrets.map((secret) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 })),
    );
    const totp = await runConcurrent(CONCURRENCY, CONCURRENCY, async (i, w) => {
      const res = await app.http().post(`/auth/login/${challenges[w]}`).send({ code: codes[w] });
      if (res.status !== 200)
        throw new Error(`totp ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    });
    report(
      figure(
        'authenticator second step (POST /auth/login/:id)',
        totp.perSecond,
        'completions/s',
        totp.latencies,
        `only ${CONCURRENCY} samples: one code per account and 30 s step`,
      ),
    );
    await signInVersusHistory(app, orgId, report);
    console.log(
      `results: ${writeResults('auth', figures, { signins: SIGNINS, concurrency: CONCURRENCY, history: HISTORY, rounds: ROUNDS, argon2: PARAMS })}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
