/**
 * npm run bench -- edit-refresh [--operations=6000] [--rounds=3] [--concurrency=32]
 * The use cases of PATCH /accounts/me and of a refresh with rotation without HTTP: each command
 * sent on the service's command bus, 32 at a time, in one process with a real SQLite store in a
 * temp folder (the test harnesses of the two services, production code paths). Prints the CPU of
 * this process per operation (process.cpuUsage: the handler, the store, the projections that react,
 * and the read-your-writes wait) and the store calls per operation, round by round. For comparing
 * builds on a busy machine: no HTTP framework, no load generator, CPU rather than rates.
 */
import { CommandBus } from '@nestjs/cqrs';
import { TestTokens } from '@accounts/testing';
import type { Principal } from '@accounts/security';
import { RefreshSessionCommand } from '../apps/auth-service/src/application/sessions/refresh-session.command';
import { AuthTestApp } from '../apps/auth-service/src/testing/auth-test-app';
import { UpdateProfileCommand } from '../apps/profile-service/src/application/accounts/update-profile.command';
import { ProfileTestApp } from '../apps/profile-service/src/testing/profile-test-app';
import type { EventStore } from '@accounts/event-store';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const OPERATIONS = arg('operations', 6000);
const ROUNDS = arg('rounds', 3);
const CONCURRENCY = arg('concurrency', 32);

/** Counts readStream and append calls on a store object. */
function counted(store: EventStore): { reads: number; appends: number } {
  const counts = { reads: 0, appends: 0 };
  const readStream = store.readStream.bind(store);
  const append = store.append.bind(store);
  store.readStream = (...args) => (counts.reads++, readStream(...args));
  store.append = (...args) => (counts.appends++, append(...args));
  return counts;
}

async function measure(
  label: string,
  counts: { reads: number; appends: number },
  each: (i: number, worker: number) => Promise<unknown>,
): Promise<void> {
  const [reads, appends] = [counts.reads, counts.appends];
  const start = process.cpuUsage();
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < OPERATIONS) await each(next++, worker);
    }),
  );
  const used = process.cpuUsage(start);
  const seconds = (performance.now() - began) / 1000;
  console.log(
    `  ${label.padEnd(34)} ${((used.user + used.system) / OPERATIONS).toFixed(0).padStart(5)} µs CPU each  ` +
      `${(OPERATIONS / seconds).toFixed(0).padStart(6)}/s  ` +
      `${((counts.reads - reads) / OPERATIONS).toFixed(2)} readStream, ${((counts.appends - appends) / OPERATIONS).toFixed(2)} append each`,
  );
}

async function main(): Promise<void> {
  console.log(
    `edit-refresh: ${OPERATIONS} operations per round, ${CONCURRENCY} at a time, ${ROUNDS} rounds`,
  );
  const tokens = await TestTokens.create();
  const profile = await ProfileTestApp.start(tokens);
  const auth = await AuthTestApp.start();
  try {
    const { admin } = await profile.createOrganization('bench');
    const callers: Principal[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const { member } = await profile.registerAccount(admin, `user${i}`);
      callers.push({
        kind: 'user',
        accountId: member.accountId,
        orgId: member.orgId,
        accountType: 'standard',
        sessionId: `bench-${i}`,
        amr: ['pwd'],
        authTime: Math.floor(Date.now() / 1000),
      });
    }
    const orgId = await auth.organization();
    const chains: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      await auth.activeAccount(orgId, `user${i}`);
      chains.push((await auth.tokens(`user${i}`)).refreshToken);
    }
    const profileBus = profile.t.app.get(CommandBus);
    const authBus = auth.t.app.get(CommandBus);
    const profileCounts = counted(profile.store);
    const authCounts = counted(auth.store);
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}`);
      await measure('UpdateProfile (2 fields)', profileCounts, (i, w) =>
        profileBus.execute(
          new UpdateProfileCommand(callers[w], {
            firstName: `First${round}x${i}`,
            lastName: `Last${round}x${i}`,
          }),
        ),
      );
      await measure('RefreshSession (rotation)', authCounts, async (_, w) => {
        const answer = await authBus.execute(new RefreshSessionCommand(chains[w]));
        chains[w] = answer.refreshToken;
      });
    }
  } finally {
    await auth.close();
    await profile.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
