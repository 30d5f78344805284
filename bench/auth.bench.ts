/**
 * npm run bench -- auth [--signins=200] [--concurrency=8]
 * auth-service over HTTP (in process, supertest) on the SQLite store, with the production argon2id
 * parameters (19 MiB, t=2, p=1): password sign-ins/s next to raw argon2 verifications/s in the same
 * run (the sign-in ceiling), refresh/s, authenticator second step/s. Writes bench/results/auth.json.
 */
import argon2 from 'argon2';
import { generate } from 'otplib';
import { AuthTestApp, STRONG_PASSWORD } from '../apps/auth-service/src/testing/auth-test-app';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SIGNINS = arg('signins', 200);
const CONCURRENCY = arg('concurrency', 8);
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

async function main(): Promise<void> {
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  const app = await AuthTestApp.create({ ARGON2_MEMORY_KIB: String(PARAMS.memoryCost), ARGON2_TIME_COST: String(PARAMS.timeCost), ARGON2_PARALLELISM: String(PARAMS.parallelism) });
  try {
    const orgId = await app.organization();
    const users = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => app.activeAccount(orgId, `bench${i}`)));

    const hash = await argon2.hash(STRONG_PASSWORD, { type: argon2.argon2id, ...PARAMS });
    const raw = await runConcurrent(SIGNINS, CONCURRENCY, () => argon2.verify(hash, STRONG_PASSWORD));
    report(figure(`raw argon2id verify (m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}), ${CONCURRENCY} concurrent`, raw.perSecond, 'verifications/s', raw.latencies));

    const refreshTokens: string[] = [];
    const signIns = await runConcurrent(SIGNINS, CONCURRENCY, async (i, w) => {
      const res = await app.login(users[w].userName);
      if (res.status !== 200) throw new Error(`sign-in ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      if (refreshTokens.length < CONCURRENCY * 50) refreshTokens.push(res.body.refreshToken);
    });
    report(figure('password sign-ins (POST /auth/login)', signIns.perSecond, 'sign-ins/s', signIns.latencies, `${Math.round((signIns.perSecond / raw.perSecond) * 100)}% of raw argon2`));

    // Each worker refreshes its own chain of tokens (rotation: every answer gives the next token).
    const chains = refreshTokens.slice(0, CONCURRENCY);
    const refreshes = await runConcurrent(SIGNINS * 5, CONCURRENCY, async (i, w) => {
      const res = await app.http().post('/auth/refresh').send({ refreshToken: chains[w] });
      if (res.status !== 200) throw new Error(`refresh ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      chains[w] = res.body.refreshToken;
    });
    report(figure('refresh with rotation (POST /auth/refresh)', refreshes.perSecond, 'refreshes/s', refreshes.latencies));

    // TOTP second step: every-time authenticator accounts; challenges prepared first, so only step 2 is timed.
    const secrets: string[] = [];
    for (const user of users) {
      const { bearer } = await app.tokens(user.userName);
      const chosen = await app.http().put('/auth/me/method').set(bearer).send({ method: 'authenticator-every-time' });
      secrets.push(chosen.body.enrollment.secret);
      await app.http().post('/auth/me/authenticator/confirm').set(bearer).send({ code: await generate({ secret: chosen.body.enrollment.secret }) });
    }
    // One accepted code per account and time step (replay protection): one round per worker.
    const challenges = await Promise.all(users.map((u) => app.login(u.userName).then((r) => r.body.challengeId as string)));
    const codes = await Promise.all(secrets.map((secret) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 })));
    const totp = await runConcurrent(CONCURRENCY, CONCURRENCY, async (i, w) => {
      const res = await app.http().post(`/auth/login/${challenges[w]}`).send({ code: codes[w] });
      if (res.status !== 200) throw new Error(`totp ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    });
    report(figure('authenticator second step (POST /auth/login/:id)', totp.perSecond, 'completions/s', totp.latencies, `only ${CONCURRENCY} samples: one code per account and 30 s step`));
    console.log(`results: ${writeResults('auth', figures, { signins: SIGNINS, concurrency: CONCURRENCY, argon2: PARAMS })}`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
