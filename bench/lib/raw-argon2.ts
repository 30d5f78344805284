/**
 * Raw argon2id verifications on every core: a fresh Node process with one libuv thread per core (as
 * our services size theirs, threadPoolSizeFor) and two verifications in flight per core, doing
 * nothing else. A pool of more threads than cores is slower here (19 MiB hashes evict each other
 * from the caches), so it would make the bound look lower than it is.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';

export interface RawArgon2 {
  readonly perSecond: number;
  readonly cpuMsPerVerification: number;
  readonly threads: number;
}

/** Hard bound on the loop, whatever the clock says. */
const MAX_VERIFICATIONS = 100_000;

export async function rawArgon2PerSecond(
  password: string,
  seconds: number,
  threads = availableParallelism(),
): Promise<RawArgon2> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename], {
    env: {
      ...process.env,
      UV_THREADPOOL_SIZE: String(threads),
      RAW_ARGON2: JSON.stringify({ password, seconds, inFlight: 2 * availableParallelism() }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`raw argon2 process exited with ${code}`);
  return { ...(JSON.parse(output) as Omit<RawArgon2, 'threads'>), threads };
}

async function measure(password: string, seconds: number, inFlight: number): Promise<void> {
  const hash = await argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const cpuBefore = process.cpuUsage();
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline && done < MAX_VERIFICATIONS) {
        if (!(await argon2.verify(hash, password))) throw new Error('argon2 verify failed');
        done++;
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    JSON.stringify({
      perSecond: done / ((performance.now() - started) / 1000),
      cpuMsPerVerification: (cpu.user + cpu.system) / 1000 / done,
    }),
  );
}

if (process.env['RAW_ARGON2'] && require.main === module) {
  const { password, seconds, inFlight } = JSON.parse(process.env['RAW_ARGON2']);
  void measure(password, seconds, inFlight).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
