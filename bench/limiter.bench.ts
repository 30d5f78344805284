/**
 * npm run bench -- limiter [--takes=5000] [--engines=memory,sqlite,postgres]
 * What one guessing-limit check costs on each LimiterStore: SlidingWindowLimiter.take on many keys
 * (one per client address), one process. PostgreSQL runs on a throwaway local server (tools/postgres);
 * each take is two round trips there (lock + read, write + commit) while this thread waits.
 * Prints figures and writes bench/results/limiter.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LimiterStore,
  MemoryLimiterStore,
  PostgresLimiterStore,
  SlidingWindowLimiter,
  SqliteLimiterStore,
} from '@accounts/security';
import { postgresAvailability, startPostgres } from '../tools/postgres/server.cjs';
import { figure, Latencies, now, print, writeResults, type BenchFigure } from './lib/measure';

const TAKES = Number(process.argv.find((a) => a.startsWith('--takes='))?.split('=')[1] ?? 5_000);
const ENGINES = (
  process.argv.find((a) => a.startsWith('--engines='))?.split('=')[1] ?? 'memory,sqlite,postgres'
).split(',');

function measure(engine: string, store: LimiterStore): BenchFigure {
  const limiter = new SlidingWindowLimiter({ limit: 30, windowSeconds: 900, store, name: 'bench' });
  const latencies = new Latencies();
  const started = now();
  for (let i = 0; i < TAKES; i++) {
    const t = now();
    limiter.take(`198.51.${(i >> 8) & 255}.${i & 255}`, Date.now());
    latencies.add(now() - t);
  }
  const seconds = (now() - started) / 1000;
  return figure(`${engine}: take (check and count)`, TAKES / seconds, 'takes/s', latencies);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-limiter-'));
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => {
    figures.push(f);
    print(f);
  };
  try {
    if (ENGINES.includes('memory')) report(measure('memory', new MemoryLimiterStore()));
    if (ENGINES.includes('sqlite')) {
      const store = new SqliteLimiterStore(join(dir, 'bench-limits.sqlite'));
      report(measure('sqlite', store));
      store.close();
    }
    if (ENGINES.includes('postgres')) {
      const here = postgresAvailability();
      if (!here.ok) console.log(`  postgres: skipped (${here.reason})`);
      else {
        const server = await startPostgres({});
        const store = new PostgresLimiterStore({
          connectionString: server.connectionString,
          schema: 'bench',
        });
        try {
          report(measure('postgres', store));
        } finally {
          store.close();
          await server.stop();
        }
      }
    }
    console.log(`  results: ${writeResults('limiter', figures, { takes: TAKES })}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
