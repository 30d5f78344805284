import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process and the processes it started (cluster workers), from /proc (Linux). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const children = parents.get(stat.ppid) ?? [];
    children.push(Number(entry));
    parents.set(stat.ppid, children);
  }
  const tree: number[] = [];
  const pending = [root];
  while (pending.length) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(parents.get(pid) ?? []));
  }
  return tree;
}

/** CPU time (user + system) the processes have used so far, in milliseconds. */
export function cpuMs(pids: readonly number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  return pids.reduce((sum, pid) => {
    const stat = readStat(pid);
    return stat ? sum + (stat.utime + stat.stime) * tick : sum;
  }, 0);
}

/** System (kernel) CPU time of the processes so far, in milliseconds: an fsync's work shows here. */
export function systemCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (readStat(pid)?.stime ?? 0) * 10, 0);
}

/** Context switches of the processes so far (voluntary: it waited; involuntary: preempted). */
export function contextSwitches(pids: readonly number[]): {
  voluntary: number;
  involuntary: number;
} {
  const total = { voluntary: 0, involuntary: 0 };
  for (const pid of pids) {
    try {
      // Every thread of the process (libuv's pool, V8's helpers, a writer thread) counts.
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const status = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
        total.voluntary += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
        total.involuntary += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      }
    } catch {
      // gone
    }
  }
  return total;
}

/** Resident set size in MiB (VmRSS), or undefined when the process is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Proportional set size in MiB (Pss, /proc/<pid>/smaps_rollup): RSS with each shared page divided
 * among the processes that map it. Every worker's RSS counts the ~51 MiB of the Node binary and
 * libraries that all processes share; PSS counts its share only. Undefined when the process is gone.
 */
export function pssMiB(pid: number): number | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1]);
    return Number.isFinite(kb) ? Math.round((kb / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** RSS of each process of the tree, the primary first: "primary 40 MiB, worker 96 MiB, ...". */
export function describeRss(root: number): { pid: number; rssMiB: number }[] {
  return processTree(root).flatMap((pid) => {
    const rss = rssMiB(pid);
    return rss === undefined ? [] : [{ pid, rssMiB: Math.round(rss * 10) / 10 }];
  });
}

/** The RSS of some processes at the end of a benchmark and again after it has been idle a while. */
export interface IdleRss<P> {
  /** Seconds after the last request at which each sample was taken (0 = at the end). */
  readonly afterSeconds: readonly number[];
  readonly processes: ReadonlyArray<
    P & { readonly rssMiB: readonly (number | undefined)[]; readonly lastPssMiB?: number }
  >;
}

/** Seconds after the end of a benchmark at which RSS is sampled: at once, then idle (issue 15). */
export const IDLE_RSS_SECONDS = [0, 1, 3, 10];

/**
 * Samples each process's RSS at the end of a benchmark and while the service sits idle, `afterSeconds`
 * after the end (no request is sent meanwhile): workers give memory back when they go idle
 * (libs/service-kit cluster/idle-gc.ts), so "at the end" and "idle after N s" are both reported.
 * `BENCH_IDLE_SECONDS=0` (or a list such as `0,1,3`) changes the samples.
 */
export async function rssAtEndAndIdle<P extends { readonly pid: number }>(
  processes: readonly P[],
  afterSeconds: readonly number[] = idleSecondsFromEnv(),
): Promise<IdleRss<P>> {
  const started = Date.now();
  const samples = processes.map(() => [] as (number | undefined)[]);
  for (const seconds of afterSeconds) {
    const wait = started + seconds * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    processes.forEach((p, i) => {
      const rss = rssMiB(p.pid);
      samples[i].push(rss === undefined ? undefined : Math.round(rss * 10) / 10);
    });
  }
  return {
    afterSeconds,
    processes: processes.map((p, i) => ({ ...p, rssMiB: samples[i], lastPssMiB: pssMiB(p.pid) })),
  };
}

/**
 * The service's processes (the primary first) sampled with rssAtEndAndIdle and printed a line each
 * under "RSS after the benchmark"; returns the samples for the results file.
 */
export async function reportIdleRss(root: number) {
  const tree = describeRss(root).map((p, i, all) => ({
    pid: p.pid,
    role: i === 0 && all.length > 1 ? 'primary' : 'worker',
  }));
  const rss = await rssAtEndAndIdle(tree);
  console.log('  RSS after the benchmark (no request meanwhile):');
  for (const p of rss.processes)
    console.log(
      `    ${p.role} ${p.pid}: ${formatIdleRss(rss.afterSeconds, p.rssMiB, p.lastPssMiB)}`,
    );
  return rss;
}

function idleSecondsFromEnv(): number[] {
  const chosen = process.env['BENCH_IDLE_SECONDS'];
  if (!chosen) return IDLE_RSS_SECONDS;
  const seconds = chosen.split(',').map(Number);
  if (seconds.some((s) => !Number.isFinite(s) || s < 0 || s > 120))
    throw new Error(
      `BENCH_IDLE_SECONDS: expected seconds 0-120 separated by commas, got "${chosen}"`,
    );
  return seconds;
}

/** "at the end 171, idle 1 s 170, idle 3 s 98, idle 10 s 97 MiB (PSS 61 MiB)" for one process. */
export function formatIdleRss(
  afterSeconds: readonly number[],
  rss: readonly (number | undefined)[],
  lastPssMiB?: number,
): string {
  return afterSeconds
    .map((s, i) => `${s === 0 ? 'at the end' : `idle ${s} s`} ${rss[i] ?? 'gone'}`)
    .join(', ')
    .concat(' MiB', lastPssMiB === undefined ? '' : ` (PSS then ${lastPssMiB} MiB)`);
}

/** Sums the counts the count-store-reads preload wrote for every process of a service. */
export function storeCalls(folder: string): Record<string, number> {
  const total: Record<string, number> = {};
  if (!existsSync(folder)) return total;
  for (const file of readdirSync(folder)) {
    if (!file.endsWith('.json')) continue;
    const counts = readCounts(join(folder, file));
    for (const [name, n] of Object.entries(counts)) total[name] = (total[name] ?? 0) + n;
  }
  return total;
}

/** A process rewrites its counts in place (count-store-reads.cjs): a read caught mid-write is read again. */
function readCounts(path: string): Record<string, number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

function readStat(pid: number): { ppid: number; utime: number; stime: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the rest starts after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
  } catch {
    return undefined;
  }
}
