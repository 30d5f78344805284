#!/usr/bin/env node
// npm run bench -- <suite> [...]: runs bench/<suite>.bench.ts with TypeScript paths resolved.
import { spawnSync } from 'node:child_process';
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
for (const suite of wanted) {
  const file = join(here, `${suite}.bench.ts`);
  if (!existsSync(file)) {
    console.error(`unknown suite "${suite}"; available: ${suites.join(', ')}`);
    process.exit(1);
  }
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '-r', '@swc-node/register', file, ...process.argv.slice(3)],
    {
      stdio: 'inherit',
      cwd: join(here, '..'),
      env: { ...process.env, TS_NODE_PROJECT: join(here, '..', 'tsconfig.base.json') },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
