/**
 * A process that verifies passwords for a moment (as a worker during sign-ins), then goes quiet.
 * Usage: node -r @swc-node/register argon2-arena-child.ts (GLIBC_TUNABLES, UV_THREADPOOL_SIZE and
 * WORKER_IDLE_GC_MS from the environment). Prints one JSON line: anonymous RSS (MiB) right after the
 * hashes and 2 s into the quiet, and whether a verification after that still answers right.
 */
import { readFileSync } from 'node:fs';
import { PasswordHasher } from '../application/shared/passwords';

const anonMiB = () =>
  Number(/RssAnon:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const hasher = new PasswordHasher({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const hash = await hasher.hash('correct horse battery staple');
  for (let i = 0; i < 5; i++) await hasher.verify(hash, 'correct horse battery staple');
  const afterHashes = anonMiB();
  await pause(2_000);
  const quiet = anonMiB();
  const stillRight =
    (await hasher.verify(hash, 'correct horse battery staple')) &&
    !(await hasher.verify(hash, 'wrong horse battery staple'));
  process.stdout.write(`${JSON.stringify({ afterHashes, quiet, stillRight })}\n`);
  process.exit(0);
}
void main();
