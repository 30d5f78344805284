#!/usr/bin/env node
// npm run bench -- <suite> [...]: runs bench/<suite>.bench.ts with TypeScript paths resolved.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (wanted.length === 0) {
  console.log(`usage: npm run bench -- <${suites.join('|')}> [more suites]`);
  process.exit(wanted.length === 0 ? 0 : 1);
}
// Asynchronous, so that a SIGINT or SIGTERM sent to this runner reaches the benchmark, which stops
// what it started (bench/lib/started-processes.ts) before it exits.
let running;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => (running ? running.kill(signal) : process.exit(130)));
for (const suite of wanted) {
  const file = join(here, `${suite}.bench.ts`);
  if (!existsSync(file)) {
    console.error(`unknown suite "${suite}"; available: ${suites.join(', ')}`);
    process.exit(1);
  }
  running = spawn(
    process.execPath,
    ['--expose-gc', '-r', '@swc-node/register', file, ...process.argv.slice(3)],
    {
      stdio: 'inherit',
      cwd: join(here, '..'),
      env: { ...process.env, TS_NODE_PROJECT: join(here, '..', 'tsconfig.base.json') },
    },
  );
  const [code, signal] = await once(running, 'exit');
  running = undefined;
  if (code !== 0) process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
}
