/**
 * V8's young generation of each worker, in MiB per semi-space (Node 20's default is 16, so 48 MiB of
 * young space that a busy worker keeps resident). At 4 the benchmarks showed the same CPU per edit
 * and 15-25 MiB less RSS per worker. A --max-semi-space-size in NODE_OPTIONS or on the command line wins.
 */
export const WORKER_SEMI_SPACE_MIB = 4;

import { idleGcMs } from './idle-gc';

/** Opt-in: how far V8 lets a worker's old generation grow past what the last full GC kept, in percent. */
export const HEAP_GROWING_PERCENT_ENV = 'WORKER_HEAP_GROWING_PERCENT';

/**
 * The V8 flags the primary adds to each worker's command line. Under load V8 lets the old generation
 * grow to up to four times what the last full GC kept before it collects again, and keeps the pages
 * committed: an auth worker with ~43 MiB live ends a refresh benchmark at 235-250 MiB RSS, 100 MiB of it
 * garbage. WORKER_HEAP_GROWING_PERCENT=50 caps that growth at 1.5x (V8's --heap-growing-percent, which
 * NODE_OPTIONS does not accept): 159-168 MiB after the same run, but 4-7 % more CPU per refresh and per
 * grant (README "Worker memory after the benchmarks"), so it is not the default. `--expose-gc` lets
 * an idle worker collect its garbage once the load is over (WORKER_IDLE_GC_MS, idle-gc.ts).
 */
export function workerV8Flags(
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const chosen = `${execArgv.join(' ')} ${env['NODE_OPTIONS'] ?? ''}`;
  const flags: string[] = [];
  if (!chosen.includes('--max-semi-space-size'))
    flags.push(`--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`);
  const growing = env[HEAP_GROWING_PERCENT_ENV]?.trim();
  if (growing && !chosen.includes('--heap-growing-percent')) {
    const percent = Number(growing);
    if (!Number.isInteger(percent) || percent < 10 || percent > 300)
      throw new Error(
        `${HEAP_GROWING_PERCENT_ENV}: expected an integer between 10 and 300 (percent), got "${growing}"`,
      );
    flags.push(`--heap-growing-percent=${percent}`);
  }
  // For the idle collection (idle-gc.ts): gc() is only there with this flag.
  if (idleGcMs(env) > 0 && !chosen.includes('--expose-gc')) flags.push('--expose-gc');
  return flags;
}
