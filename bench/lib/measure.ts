import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Latency samples in milliseconds and the figures a benchmark line prints. */
export class Latencies {
  private readonly samples: number[] = [];
  add(ms: number): void {
    this.samples.push(ms);
  }
  percentile(p: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }
  get count(): number {
    return this.samples.length;
  }
}

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly note?: string;
}

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Runs `count` operations with `concurrency` workers; returns ops/s and latencies. */
export async function runConcurrent(
  count: number,
  concurrency: number,
  operation: (i: number, worker: number) => Promise<unknown>,
): Promise<{ perSecond: number; latencies: Latencies; elapsedMs: number }> {
  const latencies = new Latencies();
  let next = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        const i = next++;
        const t = now();
        await operation(i, worker);
        latencies.add(now() - t);
      }
    }),
  );
  const elapsedMs = now() - start;
  return { perSecond: (count / elapsedMs) * 1000, latencies, elapsedMs };
}

export function figure(
  name: string,
  value: number,
  unit: string,
  latencies?: Latencies,
  note?: string,
): BenchFigure {
  return {
    name,
    value: Math.round(value),
    unit,
    ...(latencies
      ? { p50Ms: round(latencies.percentile(50)), p99Ms: round(latencies.percentile(99)) }
      : {}),
    ...(note ? { note } : {}),
  };
}

export function print(f: BenchFigure): void {
  const lat = f.p50Ms !== undefined ? `   p50 ${f.p50Ms} ms   p99 ${f.p99Ms} ms` : '';
  console.log(
    `  ${f.name.padEnd(58)} ${String(f.value).padStart(10)} ${f.unit}${lat}${f.note ? `   (${f.note})` : ''}`,
  );
}

export function writeResults(
  suite: string,
  figures: BenchFigure[],
  extra: Record<string, unknown> = {},
): string {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${suite}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { suite, at: new Date().toISOString(), node: process.version, figures, ...extra },
      null,
      2,
    ),
  );
  return file;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
